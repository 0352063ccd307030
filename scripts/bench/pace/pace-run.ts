// One stretch of the pace benchmark's analyst day with one pace: the app's own poller (ActionPoller, the
// rate budget, the list calls) in Node against the simulator, on simulated time. With a pace that follows
// the history, each type's history is read once, through the budget, after the first action of that type
// has been read, and those reads count among the calls.
//   age-based:     each action checked at its age's pace only (the app before the history);
//   history-aware: at its kind's history's pace only (the app before the planner);
//   planner:       the budget-aware planner (the app now): every running action at the budget's pace
//                  while calls are to spare, the likeliest finishes first when they are not.
import { historyActionBody } from '../harness/scenario-action.ts';
import { isFinalStatus } from '../../../core/defender/action-status.ts';
import { createDefenderClient } from '../../../core/defender/defender-client.ts';
import type { MachineAction } from '../../../core/defender/machine-action.ts';
import type { Guid } from '../../../core/lib/guid.ts';
import { ActionPoller } from '../../../core/polling/scheduler/action-poller.ts';
import { memoryHistoryStore, TypeHistories } from '../../../core/polling/history/type-histories.ts';
import { listShapeMemory } from '../../../core/polling/list-shapes/list-shape-memory.ts';
import { budgetLimits, RateBudget } from '../../../core/polling/scheduler/rate-budget.ts';
import { isDefenderRead } from '../../../sim/testing/logged-reads.ts';
import type { NewActionRequest, SimulatorClient } from '../../../sim/testing/simulator-client.ts';
import { EventTimers } from '../harness/event-timers.ts';
import type { RunningSpan } from '../harness/limit.ts';
import type { PaceAction } from './scenario.ts';

export type Pace = 'age-based' | 'history-aware' | 'planner';
export const paces: readonly Pace[] = ['age-based', 'history-aware', 'planner'];

export interface PaceRun {
  /** Every Defender GET in the run, history reads included. */
  callTimes: number[];
  historyReads: number;
  /** How long the run lasted (simulated), an hour unless the scenario asks for less. */
  durationMs: number;
  /** When every watched ID first had a result (an action or a failure), after it was pasted; undefined: not within the run. */
  allReadAfterMs: number | undefined;
  /** The same in real time: the simulator's answers take real time, which the simulated clock does not count. */
  allReadAfterRealMs: number | undefined;
  /** When each action was running: created, and final (undefined: still running at the end), for the limit's figures. */
  spans: RunningSpan[];
  /** Per action that finished within the hour: when, and when the poller had it (undefined: not within the hour). */
  finishes: { id: string; kind: string; status: string; createdAt: number; finishedAt: number; shownAt: number | undefined }[];
}

const hourMs = 3_600_000;

export interface PaceRunOptions {
  simulator: SimulatorClient;
  apiBaseUrl: string;
  token: string;
  pace: Pace;
  actions: readonly PaceAction[];
  /** Simulated; an hour by default. */
  durationMs?: number;
  /** Pasted all at once at this time after the start, rather than each as it is sent. */
  pastedAfterMs?: number;
}

export async function runPace(options: PaceRunOptions): Promise<PaceRun> {
  const { simulator, pace, actions } = options;
  const durationMs = options.durationMs ?? hourMs;
  await simulator.reset();
  const start = Date.parse((await simulator.clock()).now);
  const timers = new EventTimers(simulator, start);
  const defender = createDefenderClient({
    apiBaseUrl: options.apiBaseUrl,
    getAccessToken: async () => options.token,
    // Real time, not simulated: a call the simulator is slow to answer must not time out in a simulated instant.
    fetch: (input, init) => timers.track(fetch(input, init)),
  });
  const shownAt = new Map<string, number>();
  const firstResultAt = new Map<string, number>();
  let lastFirstResultReal = 0;
  // The poller reads each type's history itself, through its budget, after the first action of the type.
  let historyReads = 0;
  const histories = new TypeHistories({
    store: memoryHistoryStore(timers.now),
    readActions: (type, since) => ((historyReads += 1), defender.getActionHistory(type, since)),
    now: timers.now,
  });
  const poller: ActionPoller = new ActionPoller({
    defender,
    budget: new RateBudget(budgetLimits(0.8, 1)),
    timers,
    listShapes: listShapeMemory(undefined),
    report: () => {},
    random: () => 0.5, // the same jitter in every run
    histories: pace === 'age-based' ? undefined : histories,
    eagerChecks: pace === 'planner',
    onCheck: (id, watch, checkedAt) => {
      if (!firstResultAt.has(id)) lastFirstResultReal = Date.now();
      firstResultAt.set(id, Math.min(firstResultAt.get(id) ?? checkedAt, checkedAt));
      const action = watch.action;
      if (!action) return;
      if (isFinalStatus(action.status) && !shownAt.has(id)) shownAt.set(id, checkedAt);
    },
  });

  const watched: Guid[] = [];
  for (const action of actions) {
    timers.schedule(start + action.createdAfterMs, async () => {
      await simulator.createAction(actionBody(action, timers.now()));
      if (options.pastedAfterMs !== undefined) return;
      // The analyst pastes the ID from the ticket as soon as the action is sent.
      watched.push(action.id as Guid);
      poller.setIds(watched);
    });
  }
  const pastedAt = start + (options.pastedAfterMs ?? 0);
  let pastedReal = 0;
  if (options.pastedAfterMs !== undefined) {
    timers.schedule(pastedAt, () => {
      pastedReal = Date.now();
      poller.setIds(actions.map((action) => action.id as Guid));
    });
  }
  poller.start();
  await timers.runUntil(start + durationMs);
  poller.stop();

  const calls = (await simulator.requests()).filter(isDefenderRead).map((request) => Date.parse(request.at));
  const callTimes = calls.filter((at) => at >= start && at < start + durationMs).sort((a, b) => a - b);
  // How each action ended, read after the run (these reads are not counted).
  const finishes: PaceRun['finishes'] = [];
  const spans: PaceRun['spans'] = [];
  // An hour on, so that the quota the run spent is free again (an action's end stays when it was), and in
  // list calls: a 500-ID board read one by one would meet the simulator's 429s.
  await simulator.advanceClock(hourMs + 60_000);
  const ends = new Map<string, MachineAction>();
  for (let first = 0; first < actions.length; first += 20) {
    const page = await defender.listMachineActions(actions.slice(first, first + 20).map((action) => action.id as Guid), 'in');
    for (const action of page.actions) ends.set(action.id.toLowerCase(), action);
  }
  for (const action of actions) {
    const final = ends.get(action.id.toLowerCase());
    if (final === undefined) throw new Error(`The simulator did not list ${action.id}`);
    const createdAt = final.createdAt?.getTime() ?? start + action.createdAfterMs;
    const finishedAt = final.lastUpdatedAt?.getTime();
    const inRun = isFinalStatus(final.status) && finishedAt !== undefined && finishedAt < start + durationMs;
    spans.push({ createdAt, finishedAt: inRun ? finishedAt : undefined });
    if (!inRun) continue;
    const kind = action.scope === null ? action.type : `${action.type}/${action.scope}`;
    finishes.push({ id: action.id, kind, status: final.status, createdAt, finishedAt, shownAt: shownAt.get(action.id) });
  }
  const firstResults = actions.map((action) => firstResultAt.get(action.id));
  const allRead = firstResults.every((at) => at !== undefined);
  const lastFirstResult = Math.max(...firstResults.map((at) => at ?? 0));
  const pasted = options.pastedAfterMs === undefined ? undefined : pastedAt;
  return {
    callTimes,
    historyReads,
    durationMs,
    allReadAfterMs: allRead && pasted !== undefined ? lastFirstResult - pasted : undefined,
    allReadAfterRealMs: allRead && pasted !== undefined ? lastFirstResultReal - pastedReal : undefined,
    spans,
    finishes,
  };
}

/** The simulator's body for the action: a timeline of its own where the scenario gives one, else drawn from the history. */
function actionBody(action: PaceAction, now: number): NewActionRequest {
  const drawn = historyActionBody(action, 'Benchmark: an analyst day', 'pace');
  const { durations: _, ...fields } = drawn;
  if (action.offlineForMs !== undefined) {
    return { ...fields, creationDateTimeUtc: new Date(now - action.offlineForMs).toISOString(), timeline: [{ status: 'Pending', afterMs: 0 }] };
  }
  if (action.finishesAfterMs === undefined) return drawn;
  return {
    ...fields,
    timeline: [
      { status: 'InProgress', afterMs: Math.round(action.finishesAfterMs / 3) },
      { status: 'Succeeded', afterMs: action.finishesAfterMs },
    ],
    startsOn: 'creation',
  };
}
