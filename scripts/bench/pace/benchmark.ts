// The app's pace against the two before it, in the same run, on the same actions: an analyst's quiet and
// busy hours (scenario.ts), a fast outlier, and a 500-ID paste. The app's poller in Node against the
// simulator on simulated time; a few minutes.
import { nodeUrl } from '../../../sim/constants.ts';
import { signInWithPkce } from '../../../sim/testing/sign-in-with-pkce.ts';
import { benchPorts } from '../harness/bench-server.ts';
import type { Benchmark } from '../harness/benchmark.ts';
import { hoursVerdict, paceFigures, paceLimit, paceTable, type PaceFigures } from './figures.ts';
import { paces, runPace, type Pace, type PaceRun, type PaceRunOptions } from './pace-run.ts';
import { fastOutlier, hoursPlayed, offlineBoard, paceActions, pastedAfterMs, pastedBoard, pasteSize } from './scenario.ts';

const targets = { outlierS: 5, pasteS: 15 } as const;

export const paceBenchmark: Benchmark = {
  name: 'pace',
  needsServer: true,
  ownResultsFile: true,
  async run({ target, progress }) {
    const { access_token: token } = await signInWithPkce({ identityUrl: `http://localhost:${benchPorts.identity}`, login: 'analyst' });
    const common = { simulator: target.simulator, apiBaseUrl: nodeUrl(benchPorts.api), token };
    const runAll = async (label: string, options: Omit<PaceRunOptions, 'pace' | keyof typeof common>, times = 1) => {
      const runs = Object.fromEntries(paces.map((pace) => [pace, [] as PaceRun[]])) as Record<Pace, PaceRun[]>;
      for (let time = 1; time <= times; time += 1) {
        progress(`pace: ${label}${times > 1 ? `, ${time} of ${times}` : ''}, every pace`);
        for (const pace of paces) runs[pace].push(await runPace({ ...common, ...options, pace }));
      }
      return runs;
    };
    const results: Record<string, unknown> = {};
    const notes: string[] = [];

    for (const [name, busyness] of [['quiet', 1], ['busy', 2]] as const) {
      const runs = Object.fromEntries(paces.map((pace) => [pace, [] as PaceRun[]])) as Record<Pace, PaceRun[]>;
      for (let hour = 1; hour <= hoursPlayed; hour += 1) {
        const hourRuns = await runAll(`${name} hour ${hour} of ${hoursPlayed}`, { actions: paceActions(busyness, hour) });
        for (const pace of paces) runs[pace].push(...hourRuns[pace]);
      }
      const figures = Object.fromEntries(paces.map((pace) => [pace, paceFigures(runs[pace])])) as Record<Pace, PaceFigures>;
      const limit = paceLimit(runs.planner);
      const verdict = hoursVerdict(figures.planner);
      results[name] = { ...figures, limit, verdict };
      notes.push(
        ...paceTable(figures, limit, `Pace, ${hoursPlayed} ${name} hours of ${paceActions(busyness, 1).length} actions each (durations drawn from the simulator's history; simulated, this run)`),
        '',
        `Target (planner): ${verdict}`,
      );
    }

    const outlierRuns = await runAll('a fast outlier', { actions: fastOutlier(), durationMs: 5 * 60_000 });
    const outlier = Object.fromEntries(paces.map((pace) => [pace, outlierRuns[pace][0].finishes[0]])) as Record<Pace, PaceRun['finishes'][number] | undefined>;
    const shownAfterS = (pace: Pace) => {
      const finish = outlier[pace];
      return finish?.shownAt === undefined ? Number.POSITIVE_INFINITY : Math.max(0, finish.shownAt - finish.finishedAt) / 1000;
    };
    const outlierVerdict = shownAfterS('planner') <= targets.outlierS ? 'met' : 'NOT MET';
    results.outlier = { shownAfterS: Object.fromEntries(paces.map((pace) => [pace, shownAfterS(pace)])), verdict: outlierVerdict };
    notes.push(
      '',
      "A fast outlier: a full scan done in 35 s, the tenant's full scans taking 20 minutes at the median",
      `  finish → shown: ${paces.map((pace) => `${pace} ${shownAfterS(pace).toFixed(1)} s`).join(', ')}`,
      `  Target (planner): ${outlierVerdict}: ${shownAfterS('planner').toFixed(1)} s (≤ ${targets.outlierS} s)`,
    );

    const offlineRuns = await runAll('a board of offline devices', { actions: offlineBoard() });
    const offlineCalls = Object.fromEntries(paces.map((pace) => [pace, offlineRuns[pace][0].callTimes.length])) as Record<Pace, number>;
    // Today's app is the history-aware pace: the history read it makes, the planner makes too.
    const offlineVerdict = offlineCalls.planner <= offlineCalls['history-aware'] ? 'met' : 'NOT MET';
    results.offline = { calls: offlineCalls, verdict: offlineVerdict };
    notes.push(
      '',
      'A board of 20 isolations Pending for 3 hours (devices offline), one hour',
      `  calls: ${paces.map((pace) => `${pace} ${offlineCalls[pace]}`).join(', ')}`,
      `  Target (planner): ${offlineVerdict}: no more calls than the pace before it (${offlineCalls.planner} vs ${offlineCalls['history-aware']}, the history read included)`,
    );

    progress(`pace: a ${pasteSize}-ID paste`);
    const paste = await runPace({ ...common, pace: 'planner', actions: pastedBoard(), durationMs: 2 * 60_000, pastedAfterMs });
    const pasteS = paste.allReadAfterMs === undefined ? Number.POSITIVE_INFINITY : paste.allReadAfterMs / 1000;
    const pasteCalls = paste.callTimes.filter((at) => at - paste.callTimes[0] < 60_000).length;
    const pasteRealS = paste.allReadAfterRealMs === undefined ? Number.POSITIVE_INFINITY : paste.allReadAfterRealMs / 1000;
    const pasteVerdict = Math.max(pasteS, pasteRealS) <= targets.pasteS ? 'met' : 'NOT MET';
    results.paste = { ids: pasteSize, everyRowReadAfterS: pasteS, everyRowReadAfterRealS: pasteRealS, callsInTheFirstMinute: pasteCalls, verdict: pasteVerdict };
    notes.push(
      '',
      `A ${pasteSize}-ID paste (the board's limit), the planner: every row has data ${pasteS.toFixed(1)} s after the paste on the poller's clock, ${pasteRealS.toFixed(1)} s of real time (the simulator answering), ${pasteCalls} calls in its first minute`,
      `  Target: ${pasteVerdict}: ${Math.max(pasteS, pasteRealS).toFixed(1)} s (≤ ${targets.pasteS} s)`,
    );
    return { results, figures: [], notes };
  },
};
