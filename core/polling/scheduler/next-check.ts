import type { Guid } from '../../lib/guid';
import { firstListShape, type ListShape } from '../list-shapes/list-shape';
import { planCheck, type PlanBudget } from './check-plan';
import { dueAt, eagerFrom, type EntryState } from './entry-state';
import type { PendingPage } from './list-pages';

/** When the budget next holds a call for each kind of call: a new ID's, one at its latest time, an eager one. */
export interface BudgetFreeAt {
  urgent: number;
  due: number;
  eager: number;
}

/**
 * When the next check is worth making: the earliest time any watched ID is ready and the budget holds a
 * call of its kind (new IDs and pages at once). The poller puts the budget's pace and a 429's pause on top
 * of the routine ones.
 */
export function nextReadyAt(
  states: ReadonlyMap<Guid, EntryState>,
  now: number,
  pendingPages: readonly PendingPage[] = [],
  freeAt: BudgetFreeAt = { urgent: now, due: now, eager: now },
): { at: number; urgent: boolean } | undefined {
  if (pendingPages.length > 0 || [...states.values()].some((state) => state.kind === 'never-read')) return { at: Math.max(now, freeAt.urgent), urgent: true };
  let earliest: number | undefined;
  const consider = (at: number) => (earliest = earliest === undefined ? at : Math.min(earliest, at));
  for (const state of states.values()) {
    const latest = dueAt(state, now);
    if (latest === undefined) continue;
    consider(Math.max(latest, freeAt.due));
    const eager = eagerFrom(state);
    if (eager !== undefined) consider(Math.max(eager, freeAt.eager));
  }
  return earliest === undefined ? undefined : { at: earliest, urgent: false };
}

/**
 * When each watched action will be checked next, from the plan of the next check (at `at`): the actions its
 * calls read, then; the others at their latest time, and no sooner than a pace after it. What the page
 * says ("next check at …") is this, so it includes the budget's wait and a 429's pause wherever `at` does.
 */
export function forecastChecks(
  states: ReadonlyMap<Guid, EntryState>,
  at: number,
  budget: PlanBudget,
  paceMs: number,
  shape: ListShape = firstListShape,
  pendingPages: readonly PendingPage[] = [],
): Map<Guid, number> {
  const plan = planCheck(states, at, budget, shape, pendingPages);
  const read = new Set([...plan.listChunks.flat(), ...plan.singleReads, ...plan.pages.flatMap((page) => page.ids)]);
  const next = new Map<Guid, number>();
  for (const [id, state] of states) {
    const latest = dueAt(state, at);
    if (latest === undefined) continue;
    next.set(id, read.has(id) ? at : Math.max(latest, at + paceMs));
  }
  return next;
}
