import type { Guid } from '../../lib/guid';
import type { ActionWatch } from '../watch/watch-state';

/**
 * What the analyst's tenants have answered so far for an ID whose tenant is not known yet (an MSSP's
 * analyst pastes an ID from any customer's ticket): found in one, still being asked, or in none. An action
 * ID is a GUID, so the first tenant that returns it is its tenant.
 */
export type SearchVerdict =
  | { kind: 'found'; tenant: string; watch: ActionWatch }
  /** No tenant has answered yet: the row is "being looked up". */
  | { kind: 'searching' }
  /**
   * No tenant has returned it so far: what the page shows. A not-found names where it was asked
   * (`watch.failure.problem.searched`); when every call failed, the first failure is shown as it is.
   */
  | { kind: 'not-returned'; watch: ActionWatch };

/**
 * Judges one ID's answers, one watch per tenant that answered, in the tenants' configured order. Until
 * one tenant returns the action, the newest not-found answer stands for all, with where it was asked;
 * when no tenant says not-found (every call failed), the first failure is shown as it is.
 */
export function judgeSearch(tenants: readonly string[], answers: ReadonlyMap<string, ActionWatch>): SearchVerdict {
  for (const tenant of tenants) {
    const watch = answers.get(tenant);
    if (watch?.action) return { kind: 'found', tenant, watch };
  }
  const answered = tenants.filter((tenant) => answers.get(tenant)?.failure !== undefined);
  if (answered.length === 0) return { kind: 'searching' };
  const notIn = answered.filter((tenant) => answers.get(tenant)?.failure?.problem.kind === 'not-found');
  const couldNotAsk = answered.filter((tenant) => !notIn.includes(tenant)).map((tenant) => ({ tenant, kind: answers.get(tenant)!.failure!.problem.kind }));
  const stillAsking = tenants.filter((tenant) => !answered.includes(tenant));
  if (notIn.length === 0) return { kind: 'not-returned', watch: answers.get(answered[0])! };
  // The newest not-found answer carries the grace's clock: the page says "still looking" until it ends.
  const newest = notIn.map((tenant) => answers.get(tenant)!).reduce((a, b) => ((b.failure?.lastAt ?? 0) > (a.failure?.lastAt ?? 0) ? b : a));
  const failure = newest.failure!;
  if (failure.problem.kind !== 'not-found') return { kind: 'not-returned', watch: newest };
  return { kind: 'not-returned', watch: { ...newest, failure: { ...failure, problem: { ...failure.problem, searched: { notIn, couldNotAsk, stillAsking } } } } };
}

/**
 * Which tenants' pollers watch which IDs: an ID of a known tenant in that tenant only; an ID not known yet
 * in every tenant (each asks it in its own list call, within its own budget), unless there is one tenant.
 */
export function splitByTenant(ids: Iterable<Guid>, tenants: readonly string[], tenantOf: (id: Guid) => string | undefined): Map<string, Guid[]> {
  const split = new Map<string, Guid[]>(tenants.map((tenant) => [tenant, []]));
  for (const id of ids) {
    const known = tenants.length === 1 ? tenants[0] : tenantOf(id);
    if (known !== undefined && split.has(known)) split.get(known)!.push(id);
    else for (const list of split.values()) list.push(id);
  }
  return split;
}
