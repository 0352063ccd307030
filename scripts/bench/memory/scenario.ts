// The memory benchmark's 20 actions, created at once and watched for 8 simulated hours. Twelve finish at
// spread-out times over the first seven hours (each Pending for a while on a device that is offline,
// then InProgress half-way to its end, as every benchmark action does); eight stay Pending past the
// run, their devices offline, as Defender keeps such actions for days. So the board never runs out of
// work: every hour it reads actions that are new, moving, stalled and final.
import type { ScenarioAction } from '../harness/scenario-action.ts';

const minute = 60_000;
const hour = 60 * minute;

const finishing = 12;
const watched = 20;
/** Far past the 8 hours: the action is still Pending when the run ends. */
const neverInTheRun = 30 * hour;

const types = ['Isolate', 'RunAntiVirusScan', 'CollectInvestigationPackage', 'StopAndQuarantineFile', 'RestrictCodeExecution'];
const endings: ScenarioAction['finalStatus'][] = ['Succeeded', 'Failed', 'Succeeded', 'TimeOut', 'Succeeded', 'Cancelled'];

export function memoryActions(): ScenarioAction[] {
  return Array.from({ length: watched }, (_, index) => ({
    // A block of IDs of its own, so that it never meets the polling benchmark's actions.
    id: `cccccccc-0008-4000-8000-${String(index + 1).padStart(12, '0')}`,
    type: types[index % types.length],
    finalStatus: endings[index % endings.length],
    finishesAfterMs: index < finishing ? (index + 1) * 35 * minute : neverInTheRun,
  }));
}
