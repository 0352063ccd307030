import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Guid } from '../../lib/guid';
import { planCheck } from './check-plan';
import { checkFloorMs, readyAt, type EntryState } from './entry-state';
import { nextReadyAt } from './next-check';
import { firstListShape } from '../list-shapes/list-shape';
import { RateBudget, type BudgetLimits } from './rate-budget';

// The planner driven as the poller drives it, check after check on simulated time, against boards and
// budgets fast-check draws: whatever the board, the calls stay inside the budget, every action is checked
// within its bound when the budget can cover it, and the likelier finish is never passed over for a less
// likely one.

const start = Date.parse('2026-01-05T10:00:00Z');
/** Each property plays simulated hours for many boards: seconds of work, more on a busy machine. Not a timing. */
const propertyTimeoutMs = 60_000;
const shape = { ...firstListShape, accepted: true };

interface PlayedAction {
  /** When it is pasted, after the start. */
  addedAfterMs: number;
  /** The longest it may wait between checks (today's cadence: 5 s new, 15 s running, 60 s long pending). */
  boundMs: number;
  /** Worth a check at the budget's pace (not long pending). */
  eager: boolean;
  likelihood: number;
  /** When it finishes, after it was added; a check after that sees it final, and it is no longer watched. */
  finishesAfterMs: number;
}

interface Played {
  /** Every call's time. */
  calls: number[];
  /** Per action, the times it was checked. */
  checks: Map<Guid, number[]>;
  /** Checks in which a ready, eager action went unread while a less likely ready, eager one was read. */
  passedOver: string[];
  /** How many checks read a ready, eager action: the comparison above is made in these. */
  eagerChecks: number;
  /** Times at which the next check was due now by nextReadyAt, yet planCheck made no call. */
  wokeForNothing: number[];
}

const idOf = (index: number) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}` as Guid;

/** Plays the board for `durationMs`, a check possible every `tickMs`, as ActionPoller schedules them. */
function play(actions: readonly PlayedAction[], limits: BudgetLimits, durationMs: number, tickMs = 1_000): Played {
  const budget = new RateBudget(limits);
  const states = new Map<Guid, EntryState>();
  const checks = new Map<Guid, number[]>();
  const calls: number[] = [];
  const passedOver: string[] = [];
  const wokeForNothing: number[] = [];
  let eagerChecks = 0;
  let notBefore = start;
  for (let now = start; now < start + durationMs; now += tickMs) {
    actions.forEach((action, index) => {
      if (start + action.addedAfterMs <= now && !checks.has(idOf(index))) {
        checks.set(idOf(index), []);
        states.set(idOf(index), { kind: 'never-read' });
      }
    });
    const plan = planCheck(states, now, { available: budget.allowance(now), routine: now >= notBefore }, shape);
    const count = plan.listChunks.length + plan.singleReads.length;
    // What the poller's timer is set by: a check it says is worth making now must make a call, or the
    // poller would wake again at once, for ever.
    const freeAt = { urgent: budget.nextFreeAt(now, 'urgent'), due: budget.nextFreeAt(now, 'due'), eager: budget.nextFreeAt(now, 'eager') };
    const ready = nextReadyAt(states, now, [], freeAt);
    if (ready !== undefined && Math.max(ready.at, ready.urgent ? now : notBefore) <= now && count === 0) wokeForNothing.push(now - start);
    if (count === 0) continue;
    budget.record(now, count);
    for (let call = 0; call < count; call += 1) calls.push(now);
    const read = new Set([...plan.listChunks.flat(), ...plan.singleReads]);
    const eagerReady = [...states].filter(([, state]) => state.kind === 'found' && state.eager && state.dueAt > now && (readyAt(state, now) ?? Infinity) <= now);
    const likelihood = (state: EntryState) => (state.kind === 'found' ? state.likelihood : 0);
    const readEager = eagerReady.filter(([id]) => read.has(id));
    if (readEager.length > 0) eagerChecks += 1;
    const leastLikelyRead = Math.min(...readEager.map(([, state]) => likelihood(state)));
    for (const [id, state] of eagerReady) if (!read.has(id) && likelihood(state) > leastLikelyRead) passedOver.push(`${id} at ${now - start} ms`);
    for (const id of read) {
      const action = actions[Number(id.slice(-12))];
      checks.get(id)?.push(now);
      const finished = now >= start + action.addedAfterMs + action.finishesAfterMs;
      states.set(id, finished ? { kind: 'stopped' } : { kind: 'found', dueAt: now + action.boundMs, checkedAt: now, eager: action.eager, likelihood: action.likelihood });
    }
    if (plan.routineCalls > 0) notBefore = now + Math.max(checkFloorMs, budget.paceMs(plan.routineCalls));
  }
  return { calls, checks, passedOver, eagerChecks, wokeForNothing };
}

const playedAction = (maxAddedMs: number) =>
  fc.record({
    addedAfterMs: fc.integer({ min: 0, max: maxAddedMs }),
    boundMs: fc.constantFrom(5_000, 15_000, 60_000),
    eager: fc.boolean(),
    likelihood: fc.double({ min: 0, max: 1, noNaN: true }),
    finishesAfterMs: fc.integer({ min: 1_000, max: 3_600_000 }),
  });

function mostInAnyWindow(times: readonly number[], windowMs: number): number {
  let most = 0;
  let first = 0;
  for (let last = 0; last < times.length; last += 1) {
    while (times[last] - times[first] >= windowMs) first += 1;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

describe('planCheck, played over time (properties)', () => {
  it('never calls more than the budget allows in any minute or any hour, whatever the board and the budget', () => {
    fc.assert(
      fc.property(
        fc.array(playedAction(40 * 60_000), { minLength: 1, maxLength: 150 }),
        fc.integer({ min: 1, max: 80 }),
        fc.integer({ min: 1, max: 15 }),
        (actions, perMinute, hourMinutes) => {
          const limits = { perMinute, perHour: perMinute * hourMinutes };
          const { calls, wokeForNothing } = play(actions, limits, 70 * 60_000, 2_000);
          expect(wokeForNothing).toEqual([]);
          expect(mostInAnyWindow(calls, 60_000)).toBeLessThanOrEqual(limits.perMinute);
          expect(mostInAnyWindow(calls, 3_600_000)).toBeLessThanOrEqual(limits.perHour);
        },
      ),
      { numRuns: 25 },
    );
  }, propertyTimeoutMs);

  it('checks every running action within its bound while the board fits one list call, an hour long and past it', () => {
    fc.assert(
      fc.property(fc.array(playedAction(5 * 60_000), { minLength: 1, maxLength: 39 }), (actions) => {
        const { checks } = play(actions, { perMinute: 80, perHour: 1_200 }, 65 * 60_000);
        actions.forEach((action, index) => {
          const times = checks.get(idOf(index)) ?? [];
          expect(times[0]).toBeLessThanOrEqual(start + action.addedAfterMs + 1_000);
          const gaps = times.slice(1).map((time, at) => time - times[at]);
          // Its bound, and the pace's step (3 s) at most, a check falling between two ticks.
          for (const gap of gaps) expect(gap).toBeLessThanOrEqual(action.boundMs + 3_000);
        });
      }),
      { numRuns: 20 },
    );
  }, propertyTimeoutMs);

  it('never leaves a likelier finish unread in a check that reads a less likely one of the same board', () => {
    fc.assert(
      fc.property(fc.array(playedAction(10 * 60_000), { minLength: 40, maxLength: 200 }), (actions) => {
        const { passedOver, eagerChecks } = play(actions, { perMinute: 80, perHour: 1_200 }, 15 * 60_000);
        expect(passedOver).toEqual([]);
        if (actions.some((action) => action.eager)) expect(eagerChecks).toBeGreaterThan(0); // the comparison was made
      }),
      { numRuns: 20 },
    );
  }, propertyTimeoutMs);

  it('does not starve the unlikely: on a board too big for the budget, each running action is read at least every few minutes', () => {
    fc.assert(
      fc.property(fc.array(playedAction(0), { minLength: 200, maxLength: 400 }), (actions) => {
        const lasting = actions.map((action) => ({ ...action, finishesAfterMs: 3_600_000 }));
        const { checks } = play(lasting, { perMinute: 80, perHour: 1_200 }, 12 * 60_000);
        // Up to 11 chunks of 39 at 20 calls a minute: a round takes at most 33 s past an action's bound.
        lasting.forEach((action, index) => {
          const times = checks.get(idOf(index)) ?? [];
          const gaps = times.slice(1).map((time, at) => time - times[at]);
          for (const gap of gaps) expect(gap).toBeLessThanOrEqual(action.boundMs + 36_000);
        });
      }),
      { numRuns: 10 },
    );
  }, propertyTimeoutMs);
});
