// One simulated hour of a team, watched either through the relay (in this process, on the event clock's
// timers, against a Redis of the benchmark's own) or directly, each analyst's own ActionPoller on today's
// split budget. Both against the harness's simulator, with its clock moved by the event clock.
import { historyActionBody } from '../harness/scenario-action.ts';
import type { Redis } from 'ioredis';
import { isFinalStatus } from '../../../core/defender/action-status.ts';
import { createDefenderClient } from '../../../core/defender/defender-client.ts';
import type { MachineAction } from '../../../core/defender/machine-action.ts';
import type { Guid } from '../../../core/lib/guid.ts';
import { ActionPoller } from '../../../core/polling/scheduler/action-poller.ts';
import { listShapeMemory } from '../../../core/polling/list-shapes/list-shape-memory.ts';
import { budgetLimits, RateBudget } from '../../../core/polling/scheduler/rate-budget.ts';
import { nodeUrl, RELAY_CLIENT_ID } from '../../../sim/constants.ts';
import { isDefenderRead } from '../../../sim/testing/logged-reads.ts';
import { signInWithPkce } from '../../../sim/testing/sign-in-with-pkce.ts';
import type { LoggedRequest, SimulatorClient } from '../../../sim/testing/simulator-client.ts';
import { startTestServer, type RunningServer } from '../../../server/testing/test-server.ts';
import { keys } from '../../../relay/state/keys.ts';
import { parseRelayEvent } from '../../../relay/state/relay-events.ts';
import { captureLog } from '../../../relay/testing/log-capture.ts';
import { serverEnv } from '../../../server/testing/server-env.ts';
import { EventTimers } from '../harness/event-timers.ts';
import type { RunningSpan } from '../harness/limit.ts';
import { AnalystStream } from './analyst-stream.ts';
import { hourMs, type Login, type Team, type TeamAction } from './scenario.ts';
import { Expectations, settledFetch, trackRedis } from './settling.ts';

export type Mode = 'relay' | 'direct';

export interface TeamRun {
  mode: Mode;
  analysts: number;
  actions: number;
  /** Defender reads by the relay's poller, or by the analysts' own pollers (simulated ms, sorted). */
  callTimes: number[];
  /** The relay's access checks: reads with an analyst's own token. */
  accessChecks: number;
  /** 429s answered to any of them. */
  throttled: number;
  /** Each watch of an action that finished within the hour: when, and when that analyst was shown it. */
  finishes: { analyst: number; id: string; finishedAt: number; shownAt: number | undefined }[];
  /** When each action was running, for the limit's figures. */
  spans: RunningSpan[];
  /** Relay events the benchmark gave up waiting for (2 s of real time each): 0 unless something is wrong. */
  missedDeliveries: number;
  relayWarnings: string[];
  realSeconds: number;
}

export interface TeamPlaces {
  simulator: SimulatorClient;
  identityPort: number;
  apiPort: number;
  redisUrl: string;
  /** The benchmark's own connection: flushed between runs, and subscribed to what the relay publishes. */
  redis: Redis;
  subscriber: Redis;
}

/**
 * The relay as an operator would run it but for the benchmark's needs: a leader lease (real time in Redis)
 * far longer than any gap between its renewals on simulated time, and a request limit (real time) no
 * simulated hour compressed into seconds can reach.
 */
const benchRelayEnv = {
  RELAY_LEASE_TTL_MS: '120000',
  RELAY_LEADER_TTL_MS: '300000',
  RELAY_HEARTBEAT_MS: '15000',
  RELAY_DENIED_TTL_MS: '30000',
  RELAY_REQUESTS_PER_MINUTE: '10000',
  RELAY_MAX_STREAMS: '100',
  LOG_LEVEL: 'warn',
};

async function tokensFor(places: TeamPlaces, team: Team): Promise<Map<Login, string>> {
  const tokens = new Map<Login, string>();
  for (const login of new Set(team.logins)) tokens.set(login, (await signInWithPkce({ identityUrl: `http://localhost:${places.identityPort}`, login })).access_token);
  return tokens;
}

function createAction(simulator: SimulatorClient, action: TeamAction) {
  return simulator.createAction(historyActionBody(action, 'Benchmark: a team hour', 'team'));
}

/** The hour's figures from the simulator's log, then each action's end (read afterwards in a few list calls, not counted). */
async function collect(places: TeamPlaces, team: Team, start: number, token: string, isPollerCall: (request: LoggedRequest) => boolean, shownAt: (analyst: number, id: string) => number | undefined) {
  const inHour = (await places.simulator.requests()).filter((request) => {
    const at = Date.parse(request.at);
    return isDefenderRead(request) && at >= start && at < start + hourMs;
  });
  const callTimes = inHour.filter(isPollerCall).map((request) => Date.parse(request.at)).sort((a, b) => a - b);
  // An hour on, so that the quota the hour spent is free again; an action's end stays when it was.
  await places.simulator.advanceClock(hourMs + 60_000);
  const defender = createDefenderClient({ apiBaseUrl: nodeUrl(places.apiPort), getAccessToken: async () => token });
  const ends = new Map<string, MachineAction>();
  for (let first = 0; first < team.actions.length; first += 20) {
    const page = await defender.listMachineActions(team.actions.slice(first, first + 20).map((action) => action.id as Guid), 'in');
    for (const action of page.actions) ends.set(action.id, action);
  }
  const finishes: TeamRun['finishes'] = [];
  const spans: RunningSpan[] = [];
  for (const action of team.actions) {
    const final = ends.get(action.id);
    const finishedAt = final?.lastUpdatedAt?.getTime();
    if (final === undefined) throw new Error(`The simulator did not list ${action.id}`);
    const inHour = isFinalStatus(final.status) && finishedAt !== undefined && finishedAt < start + hourMs;
    spans.push({ createdAt: final.createdAt?.getTime() ?? start + action.createdAfterMs, finishedAt: inHour ? finishedAt : undefined });
    if (!inHour) continue;
    for (const analyst of action.watchers) finishes.push({ analyst, id: action.id, finishedAt, shownAt: shownAt(analyst, action.id) });
  }
  return {
    callTimes,
    accessChecks: inHour.filter((request) => !isPollerCall(request)).length,
    throttled: inHour.filter((request) => request.status === 429).length,
    finishes,
    spans,
  };
}

async function begin(places: TeamPlaces, team: Team) {
  await places.simulator.reset();
  const tokens = await tokensFor(places, team);
  const start = Date.parse((await places.simulator.clock()).now);
  return { tokens, start, timers: new EventTimers(places.simulator, start), startedAt: Date.now() };
}

/** The minute windows of the relay's budgets in Redis (state/shared-budget.ts, state/access-budget.ts). */
const minuteCountPatterns = [`${keys.budgetPrefix}:minute:*`, `${keys.budgetPrefix}:access:minute:*`, `${keys.budgetPrefix}:access:analyst:*`];

async function forgetMinuteCounts(redis: Redis): Promise<void> {
  for (const pattern of minuteCountPatterns) {
    const found = await redis.keys(pattern);
    if (found.length > 0) await redis.del(...found);
  }
}

/** The team through the relay: one stream and one watch per analyst, one poller for all. */
export async function runThroughRelay(places: TeamPlaces, team: Team): Promise<TeamRun> {
  await places.redis.flushall();
  const { tokens, start, timers, startedAt } = await begin(places, team);
  const expectations = new Expectations();
  const streams: AnalystStream[] = [];
  const heard = new Map<string, number>();
  const onMessage = (_channel: string, message: string) => {
    heard.set(message, (heard.get(message) ?? 0) + 1);
    expectations.wake();
  };
  places.subscriber.on('message', onMessage);
  // The relay's own subscriber hears a publish when ours does; a checked action is awaited on every stream that follows it.
  const untrack = trackRedis(timers, (channel, message) => {
    if (channel !== keys.events) return;
    const heardHere = () => {
      const count = heard.get(message) ?? 0;
      if (count > 0) heard.set(message, count - 1);
      return count > 0;
    };
    void timers.track(expectations.expect(heardHere, 1_000).then(() => new Promise((resolve) => setImmediate(resolve))));
    const event = parseRelayEvent(message);
    if (event?.type !== 'checked') return;
    const { id, checkedAt } = event.record;
    for (const stream of streams) if (stream.following.has(id)) void timers.track(expectations.expect(() => (stream.received.get(id) ?? -1) >= checkedAt));
  });
  const log = captureLog();
  const fetchImpl = settledFetch(timers);
  let relay: RunningServer | undefined;
  try {
    relay = await startTestServer(serverEnv(places, benchRelayEnv), { fetch: fetchImpl, timers, logStream: log.stream });
    for (let waited = 0; !relay.isLeading(); waited += 1) {
      if (waited > 200) throw new Error('The relay did not take the poller lease');
      await timers.runUntil(start); // settles what is under way, moves no time
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    // The relay's Redis budgets count in fixed windows of real time, and the hour here passes in seconds: each
    // simulated minute, the minute's counts are forgotten, as a real minute's are (the hour's last the run).
    for (let at = start + 60_000; at < start + hourMs; at += 60_000) timers.schedule(at, () => forgetMinuteCounts(places.redis));
    for (const login of team.logins) streams.push(await AnalystStream.open(relay.url, tokens.get(login) as string, timers.now, expectations));
    const watchedBy = new Map<Login, string[]>();
    for (const action of team.actions) {
      timers.schedule(start + action.createdAfterMs, async () => {
        await createAction(places.simulator, action);
        // Each account's watch set is one in the relay (by oid): the analyst who adds an ID sends the account's whole set.
        for (const login of new Set(action.watchers.map((analyst) => team.logins[analyst]))) {
          const ids = [...(watchedBy.get(login) ?? []), action.id];
          watchedBy.set(login, ids);
          const adder = action.watchers.find((analyst) => team.logins[analyst] === login) as number;
          const watching = await streams[adder].watch(ids, fetchImpl);
          streams.forEach((stream, analyst) => {
            if (team.logins[analyst] === login) void timers.track(expectations.expect(() => watching.every((id) => stream.following.has(id))));
          });
        }
      });
    }
    await timers.runUntil(start + hourMs);
  } finally {
    untrack();
    places.subscriber.off('message', onMessage);
    for (const stream of streams) stream.close();
    await relay?.close();
  }
  const collected = await collect(places, team, start, tokens.get('analyst') as string, (request) => request.user === RELAY_CLIENT_ID, (analyst, id) => streams[analyst].shownAt.get(id));
  const warnings = log
    .text()
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { msg?: string }).msg ?? line);
  const odd = streams.flatMap((stream) => stream.oddEvents);
  return { mode: 'relay', analysts: team.size, actions: team.actions.length, ...collected, missedDeliveries: expectations.missed, relayWarnings: [...warnings, ...odd], realSeconds: (Date.now() - startedAt) / 1000 };
}

/** The team as today: each analyst's own ActionPoller, with the budget split by `analystsAtOnce` = the team's size. */
export async function runDirect(places: TeamPlaces, team: Team): Promise<TeamRun> {
  const { tokens, start, timers, startedAt } = await begin(places, team);
  const fetchImpl = settledFetch(timers);
  const limits = budgetLimits(0.8, team.size);
  const analysts = team.logins.map((login) => {
    const shownAt = new Map<string, number>();
    const poller = new ActionPoller({
      defender: createDefenderClient({ apiBaseUrl: nodeUrl(places.apiPort), getAccessToken: async () => tokens.get(login) as string, fetch: fetchImpl }),
      budget: new RateBudget(limits),
      timers,
      listShapes: listShapeMemory(undefined),
      report: () => {},
      onCheck: (id, watch, checkedAt) => {
        if (watch.action && isFinalStatus(watch.action.status) && !shownAt.has(id)) shownAt.set(id, checkedAt);
      },
    });
    return { poller, ids: [] as Guid[], shownAt };
  });
  for (const action of team.actions) {
    timers.schedule(start + action.createdAfterMs, async () => {
      await createAction(places.simulator, action);
      for (const analyst of action.watchers) {
        analysts[analyst].ids.push(action.id as Guid);
        analysts[analyst].poller.setIds(analysts[analyst].ids);
      }
    });
  }
  for (const { poller } of analysts) poller.start();
  try {
    await timers.runUntil(start + hourMs);
  } finally {
    for (const { poller } of analysts) poller.stop();
  }
  const collected = await collect(places, team, start, tokens.get('analyst') as string, () => true, (analyst, id) => analysts[analyst].shownAt.get(id));
  return { mode: 'direct', analysts: team.size, actions: team.actions.length, ...collected, missedDeliveries: 0, relayWarnings: [], realSeconds: (Date.now() - startedAt) / 1000 };
}
