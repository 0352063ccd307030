import type { DefenderProblem } from '../../../core/defender/defender-problem';
import type { Guid } from '../../../core/lib/guid';
import { judgeSearch } from '../../../core/polling/tenants/tenant-search';
import type { ActionWatch } from '../../../core/polling/watch/watch-state';

export interface TenantAnswersOptions {
  /** The analyst's tenants, in the order configured: the first that returns an action is its tenant. */
  tenants: readonly { id: string; name: string }[];
  /** The tenant an action is known to be in (action-tenants.ts). */
  tenantOf: (id: Guid) => string | undefined;
  /** An action found in a tenant: kept, so that it is asked there only from now on. */
  remember: (id: Guid, tenant: string) => void;
  /** Whether the tenant known for an action is only a link's word (action-tenants.ts), and dropping that word. */
  isHinted?: (id: Guid) => boolean;
  forgetHint?: (id: Guid) => void;
  /** What the pages show of an action. */
  show: (id: Guid, watch: ActionWatch, checkedAt: number) => void;
  /** A problem a whole tenant has (no Defender role, a sign-in it demands), or undefined once it answers again. */
  onTenantProblem?: (tenant: string, problem: DefenderProblem | undefined) => void;
}

/** Problems that are the tenant's, not one action's: every action asked there meets them. */
const tenantWide = new Set<DefenderProblem['kind']>(['forbidden', 'sign-in-required', 'cross-origin']);

/**
 * Each tenant's poller reports what it read; this decides what the pages are shown. An action of a known
 * tenant is shown as that tenant read it (another tenant's word on it is stale news from its lookup). An
 * action not known yet is asked in every tenant: the first that returns it is its tenant; until then the
 * pages are shown where it was not found, and where it could not be asked.
 */
export class TenantAnswers {
  private readonly options: TenantAnswersOptions;
  private readonly searching = new Map<Guid, Map<string, ActionWatch>>();
  private readonly problems = new Map<string, DefenderProblem['kind']>();

  constructor(options: TenantAnswersOptions) {
    this.options = options;
  }

  receive(tenant: string, id: Guid, watch: ActionWatch, checkedAt: number): void {
    const { tenantOf, show } = this.options;
    const tenants = this.options.tenants.map((each) => each.id);
    this.noteTenant(tenant, watch);
    if (tenants.length === 1) return show(id, watch, checkedAt);
    const known = tenantOf(id);
    if (known !== undefined && tenants.includes(known)) {
      if (known !== tenant) return;
      // A link named a tenant that does not have the action: ask every tenant, as for an ID with no link.
      if (watch.failure?.problem.kind === 'not-found' && !watch.action && this.options.isHinted?.(id)) return this.options.forgetHint?.(id);
      if (watch.action && this.options.isHinted?.(id)) this.options.remember(id, tenant);
      show(id, watch, checkedAt);
      return;
    }
    const answers = this.searching.get(id) ?? new Map<string, ActionWatch>();
    answers.set(tenant, watch);
    this.searching.set(id, answers);
    const verdict = judgeSearch(tenants, answers);
    if (verdict.kind === 'searching') return;
    if (verdict.kind === 'found') {
      this.searching.delete(id);
      this.options.remember(id, verdict.tenant);
    }
    show(id, verdict.kind === 'found' ? verdict.watch : this.inNames(verdict.watch), checkedAt);
  }

  /** Where the ID was asked, in the customers' names, as the pages say it. */
  private inNames(watch: ActionWatch): ActionWatch {
    const problem = watch.failure?.problem;
    if (problem?.kind !== 'not-found' || !problem.searched) return watch;
    const name = (tenant: string) => this.options.tenants.find((each) => each.id === tenant)?.name || tenant;
    const { notIn, couldNotAsk, stillAsking } = problem.searched;
    const searched = { notIn: notIn.map(name), couldNotAsk: couldNotAsk.map((each) => ({ ...each, tenant: name(each.tenant) })), stillAsking: stillAsking.map(name) };
    return { ...watch, failure: { ...watch.failure!, problem: { ...problem, searched } } };
  }

  /** A tenant-wide problem is told once when it starts, and once when the tenant answers again. */
  private noteTenant(tenant: string, watch: ActionWatch): void {
    const problem = watch.failure?.problem;
    const kind = problem && tenantWide.has(problem.kind) ? problem.kind : undefined;
    const answered = watch.failure === undefined || watch.failure.problem.kind === 'not-found';
    if (kind !== undefined && this.problems.get(tenant) !== kind) {
      this.problems.set(tenant, kind);
      this.options.onTenantProblem?.(tenant, problem);
    } else if (answered && this.problems.has(tenant)) {
      this.problems.delete(tenant);
      this.options.onTenantProblem?.(tenant, undefined);
    }
  }
}
