// A team of 1, 5, 20 and 50 analysts, each watching 3 actions (half of the watches shared with a colleague)
// for one simulated hour: through the relay (one poller for all, Node clients on its stream) and, in the
// same run, each analyst polling directly on today's split budget; and the team's actions watched by one
// analyst through the relay, the figure the relay's calls are held against. The relay runs in this process
// with the event clock's timers (harness/event-timers.ts), on a redis-server of its own; the hour passes in
// seconds to a minute or so of real time per run.
import { Redis } from 'ioredis';
import { startRedis } from '../../../relay/testing/redis-server.ts';
import { benchPorts } from '../harness/bench-server.ts';
import type { Benchmark } from '../harness/benchmark.ts';
import { teamFigures, teamTable, teamVerdicts, type SizeFigures } from './figures.ts';
import { oneAnalystWatching, sharedShare, teamOf, teamSizes } from './scenario.ts';
import { runDirect, runThroughRelay, type TeamPlaces, type TeamRun } from './team-run.ts';

export const teamBenchmark: Benchmark = {
  name: 'team',
  needsServer: true,
  ownResultsFile: true,
  async run({ target, progress }) {
    const redisServer = await startRedis();
    const places: TeamPlaces = {
      simulator: target.simulator,
      identityPort: benchPorts.identity,
      apiPort: benchPorts.api,
      redisUrl: redisServer.url,
      redis: new Redis(redisServer.url),
      subscriber: new Redis(redisServer.url),
    };
    try {
      await places.subscriber.subscribe('relay:events');
      const sizes: SizeFigures[] = [];
      const runs: Record<string, TeamRun> = {};
      const warnings: string[] = [];
      for (const size of teamSizes) {
        const team = teamOf(size);
        const play = async (label: string, run: () => Promise<TeamRun>) => {
          progress(`team: ${size} analyst(s), ${team.actions.length} actions (${Math.round(sharedShare(team) * 100)} % of watches shared): ${label}`);
          const result = await run();
          runs[`${size}/${label}`] = result;
          warnings.push(...result.relayWarnings.map((warning) => `${size}/${label}: ${warning}`));
          return teamFigures(label, result);
        };
        const relay = await play('through the relay', () => runThroughRelay(places, team));
        const direct = await play(`direct, budget split ${size} ways`, () => runDirect(places, team));
        const oneAnalyst = size === 1 ? relay : await play('relay, one analyst, same actions', () => runThroughRelay(places, oneAnalystWatching(team)));
        sizes.push({ relay, direct, oneAnalyst });
      }
      const verdicts = teamVerdicts(sizes);
      const missed = sizes.reduce((sum, size) => sum + size.relay.missedDeliveries + size.oneAnalyst.missedDeliveries, 0);
      const realSeconds = Object.values(runs).reduce((sum, run) => sum + run.realSeconds, 0);
      const notes = [
        ...teamTable(sizes),
        '',
        ...verdicts.map(({ target: goal, verdict }) => `Target: ${goal}: ${verdict}`),
        '',
        `Simulated time: the relay (in this process, its poller's, leases' and renewals' timers injected), the direct pollers and the`,
        `simulator's clock move together on a discrete-event clock; a step waits for every Defender call, Redis command and stream`,
        `delivery it set off. ${Object.keys(runs).length} simulated hours took ${Math.round(realSeconds)} s of real time` +
          (missed > 0 ? `; ${missed} stream deliveries were not seen within 2 s of real time (their "shown" may be late).` : '.'),
        'Two simulator accounts (analyst, guest) play the analysts, alternately: the relay keeps one watch set and one access verdict',
        'per account (oid), so each client sends its account\'s whole set. A shared action is shared across the two accounts, so here',
        'one access read per account and action is one per analyst and action, as with an account each.',
        "Both ways poll with the app's planner (core/polling/scheduler/check-plan.ts) on their budget: the relay on the team's share (its",
        'routine checks leaving 5 % of each window for access checks), each direct analyst on the share split analystsAtOnce ways. The',
        "relay reads each type's history (its calls counted above); the direct pollers here do not. The relay's Redis budgets count in",
        'fixed windows of real time: the benchmark forgets their minute counts each simulated minute, as a real minute would.',
        ...(warnings.length > 0 ? ['', 'Relay warnings:', ...warnings.slice(0, 20).map((warning) => `  ${warning}`)] : []),
      ];
      return { results: { sizes, verdicts, runs: Object.fromEntries(Object.entries(runs).map(([key, run]) => [key, { ...run, callTimes: undefined }])) }, figures: [], notes };
    } finally {
      places.subscriber.disconnect();
      places.redis.disconnect();
      await redisServer.stop();
    }
  },
};
