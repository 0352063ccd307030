// One hour of the pace benchmark's analyst day with one pace: the app's own poller (ActionPoller, the
// rate budget, the list calls) in Node against the simulator, on simulated time. With the history-aware
// pace, each type's history is read the way the pages read it: once, through the budget, after the first
// action of that type has been read, and those reads count among the calls.
import { historyActionBody } from '../harness/scenario-action.ts';
import { isFinalStatus } from '../../../core/defender/action-status.ts';
import { createDefenderClient } from '../../../core/defender/defender-client.ts';
import type { MachineAction } from '../../../core/defender/machine-action.ts';
import type { Guid } from '../../../core/lib/guid.ts';
import { ActionPoller } from '../../../core/polling/action-poller.ts';
import type { HistoryOf } from '../../../core/polling/check-plan.ts';
import { enoughHistory, historyFor, historyKindOf, historySamples, type HistorySamples } from '../../../core/polling/duration-history.ts';
import { listShapeMemory } from '../../../core/polling/list-shape-memory.ts';
import { budgetLimits, RateBudget } from '../../../core/polling/rate-budget.ts';
import { isDefenderRead } from '../../../sim/testing/logged-reads.ts';
import type { SimulatorClient } from '../../../sim/testing/simulator-client.ts';
import { EventTimers } from '../harness/event-timers.ts';
import type { PaceAction } from './scenario.ts';

export type Pace = 'age-based' | 'history-aware';

export interface PaceRun {
  /** Every Defender GET in the hour, history reads included. */
  callTimes: number[];
  historyReads: number;
  /** Per action that finished within the hour: when, and when the poller had it (undefined: not within the hour). */
  finishes: { id: string; kind: string; status: string; createdAt: number; finishedAt: number; shownAt: number | undefined }[];
}

const hourMs = 3_600_000;
const periodDays = 30;

/** The history-aware pace's histories: each type read once, through the budget, after its first action. */
function historyReader(poller: () => ActionPoller, read: (type: string) => Promise<MachineAction[]>, now: () => number) {
  const gathered = new Map<string, Map<string, HistorySamples>>();
  const asked = new Set<string>();
  const historyOf: HistoryOf = (action) => {
    const kind = historyKindOf(action);
    const samples = gathered.get(kind.type);
    return samples ? enoughHistory(historyFor(samples, kind, periodDays)) : undefined;
  };
  const readFor = (action: MachineAction) => {
    const { type } = historyKindOf(action);
    if (asked.has(type)) return;
    asked.add(type);
    void poller()
      .budgeted(() => read(type))
      .then((actions) => gathered.set(type, historySamples(actions, { now: now(), periodDays })))
      .catch(() => {}); // a failed read leaves the age-based pace, as in the app
  };
  return { historyOf, readFor, reads: () => asked.size };
}

export async function runPace(options: { simulator: SimulatorClient; apiBaseUrl: string; token: string; pace: Pace; actions: readonly PaceAction[] }): Promise<PaceRun> {
  const { simulator, pace, actions } = options;
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
  const histories = historyReader(() => poller, (type) => defender.getActionHistory(type, new Date(timers.now() - periodDays * 86_400_000)), timers.now);
  const poller: ActionPoller = new ActionPoller({
    defender,
    budget: new RateBudget(budgetLimits(0.8, 1)),
    timers,
    listShapes: listShapeMemory(undefined),
    report: () => {},
    random: () => 0.5, // the same jitter in both runs
    historyOf: pace === 'history-aware' ? histories.historyOf : undefined,
    onCheck: (id, watch, checkedAt) => {
      const action = watch.action;
      if (!action) return;
      if (pace === 'history-aware') histories.readFor(action);
      if (isFinalStatus(action.status) && !shownAt.has(id)) shownAt.set(id, checkedAt);
    },
  });

  const watched: Guid[] = [];
  for (const action of actions) {
    timers.schedule(start + action.createdAfterMs, async () => {
      await simulator.createAction(historyActionBody(action, 'Benchmark: an analyst day', 'pace'));
      // The analyst pastes the ID from the ticket as soon as the action is sent.
      watched.push(action.id as Guid);
      poller.setIds(watched);
    });
  }
  poller.start();
  await timers.runUntil(start + hourMs);
  poller.stop();

  const calls = (await simulator.requests()).filter(isDefenderRead).map((request) => Date.parse(request.at));
  const callTimes = calls.filter((at) => at >= start && at < start + hourMs).sort((a, b) => a - b);
  // How each action ended, read after the hour (these reads are not counted).
  const finishes: PaceRun['finishes'] = [];
  for (const action of actions) {
    const final = await defender.getMachineAction(action.id as Guid);
    const finishedAt = final.lastUpdatedAt?.getTime();
    if (!isFinalStatus(final.status) || finishedAt === undefined || finishedAt >= start + hourMs) continue;
    const kind = action.scope === null ? action.type : `${action.type}/${action.scope}`;
    finishes.push({ id: action.id, kind, status: final.status, createdAt: final.createdAt?.getTime() ?? 0, finishedAt, shownAt: shownAt.get(action.id) });
  }
  return { callTimes, historyReads: histories.reads(), finishes };
}
