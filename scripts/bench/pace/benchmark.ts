// Today's age-based pace against the history-aware one, in the same run, on the same analyst hours
// (scenario.ts: a quiet one and a busy one): the app's poller in Node against the simulator on simulated
// time. Under a minute.
import { nodeUrl } from '../../../sim/constants.ts';
import { signInWithPkce } from '../../../sim/testing/sign-in-with-pkce.ts';
import { benchPorts } from '../harness/bench-server.ts';
import type { Benchmark } from '../harness/benchmark.ts';
import { paceFigures, paceTable, paceVerdict } from './figures.ts';
import { runPace, type Pace, type PaceRun } from './pace-run.ts';
import { hoursPlayed, paceActions } from './scenario.ts';

export const paceBenchmark: Benchmark = {
  name: 'pace',
  needsServer: true,
  ownResultsFile: true,
  async run({ target, progress }) {
    const { access_token: token } = await signInWithPkce({ identityUrl: `http://localhost:${benchPorts.identity}`, login: 'analyst' });
    const results: Record<string, unknown> = {};
    const notes: string[] = [];
    for (const [name, busyness] of [['quiet', 1], ['busy', 2]] as const) {
      const runs: Record<Pace, PaceRun[]> = { 'age-based': [], 'history-aware': [] };
      for (let hour = 1; hour <= hoursPlayed; hour += 1) {
        const actions = paceActions(busyness, hour);
        progress(`pace: ${name} hour ${hour} of ${hoursPlayed} (${actions.length} actions), both paces`);
        for (const pace of ['age-based', 'history-aware'] as const) {
          runs[pace].push(await runPace({ simulator: target.simulator, apiBaseUrl: nodeUrl(benchPorts.api), token, actions, pace }));
        }
      }
      const age = paceFigures(runs['age-based']);
      const history = paceFigures(runs['history-aware']);
      results[name] = { ageBased: age, historyAware: history, verdict: paceVerdict(age, history) };
      notes.push(...paceTable(age, history, `${hoursPlayed} ${name} hours of ${paceActions(busyness, 1).length} actions each`));
    }
    return { results, figures: [], notes };
  },
};
