// The polling benchmark's incident: 20 actions created at once, finishing at spread-out times over the
// hour; seven finish within their first two minutes, as Defender's own examples do, the rest later (one
// device offline for nearly an hour). Each moves to InProgress half-way to its end.
import type { ScenarioAction } from '../harness/scenario-action.ts';

const second = 1_000;
const minute = 60 * second;

// Off the five-second grid on purpose: finishes that fell on a multiple of the poll interval would all be
// seen at the same moment after them, and the delays would measure the grid rather than the poller.
const finishTimes = [
  23 * second, 37 * second, 52 * second, 66 * second, 81 * second, 97 * second, 113 * second,
  3 * minute + 7 * second, 5 * minute + 13 * second, 7 * minute + 29 * second, 10 * minute + 2 * second,
  13 * minute + 41 * second, 17 * minute + 18 * second, 21 * minute + 54 * second, 26 * minute + 9 * second,
  31 * minute + 33 * second, 37 * minute + 46 * second, 43 * minute + 11 * second, 50 * minute + 27 * second,
  57 * minute + 3 * second,
];
const types = ['Isolate', 'RunAntiVirusScan', 'CollectInvestigationPackage', 'Isolate', 'StopAndQuarantineFile'];
const endings: ScenarioAction['finalStatus'][] = ['Succeeded', 'Succeeded', 'Succeeded', 'Failed', 'Succeeded', 'TimeOut', 'Succeeded', 'Cancelled'];

/** Fresh IDs each run, so that a run never meets the previous one's actions. */
export function scenarioActions(runTag: number): ScenarioAction[] {
  return finishTimes.map((finishesAfterMs, index) => ({
    id: `bbbbbbbb-${String(runTag).padStart(4, '0')}-4000-8000-${String(index + 1).padStart(12, '0')}`,
    type: types[index % types.length],
    finalStatus: endings[index % endings.length],
    finishesAfterMs,
  }));
}

export const earlyFinishMs = 2 * minute;
