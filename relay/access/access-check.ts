import { createDefenderClient } from '../../core/defender/defender-client';
import { DefenderRequestError, isDefenderRequestError, type DefenderProblemKind } from '../../core/defender/defender-problem';
import type { Guid } from '../../core/lib/guid';
import type { AccessCache, AccessVerdict } from '../state/access-cache';
import type { SharedBudget } from '../state/shared-budget';

/** What an analyst may be streamed, and why the rest may not. */
export interface AccessReport {
  allowed: Guid[];
  denied: { id: Guid; reason: Exclude<AccessVerdict, 'allowed'> }[];
  /**
   * Not checked now (the team's budget spent, Defender's 429 pause, a 5xx, a timeout): nothing is cached;
   * the relay tries again itself (access/access-retries.ts) and the browser sends its watch again.
   */
  unchecked: { id: Guid; problem: DefenderProblemKind | 'budget' }[];
}

export interface AccessCheckOptions {
  defenderApi: string;
  cache: AccessCache;
  /**
   * The team's budget and 429 pause: access checks spend the same quota as the poller, within each analyst's
   * share and half of the team's (state/access-budget.ts). `take` answers for this analyst's next read.
   */
  budget: { take(oid: string): Promise<boolean> } & Pick<SharedBudget, 'pausedUntil' | 'pause'>;
  /** A 429 met by an access check pauses the whole team, as one met by the poller does. */
  onPause: (until: number) => void;
  now?: () => number;
  fetch?: typeof fetch;
}

/** Without a Retry-After, a throttled team waits this long. */
const defaultPauseMs = 30_000;

/** Reads at once per analyst request: enough to be quick, few enough not to burst the app's quota. */
const parallelReads = 4;

export type AccessChecker = (oid: string, token: string, ids: readonly Guid[]) => Promise<AccessReport>;

/**
 * Pass-through: each action is read with the analyst's own token, so the answer is exactly their delegated
 * rights (device groups included). The token is used for these reads and dropped; only the verdict is cached.
 */
export function accessChecker(options: AccessCheckOptions): AccessChecker {
  const now = options.now ?? Date.now;
  return async (oid, token, ids) => {
    const verdicts = await options.cache.read(oid, ids);
    const unknown = ids.filter((id) => !verdicts.has(id));
    const defender = createDefenderClient({
      apiBaseUrl: options.defenderApi,
      // The relay cannot renew an analyst's token: a 401 is theirs to fix by signing in again.
      getAccessToken: async ({ forceRefresh }) => {
        if (forceRefresh) throw new DefenderRequestError({ kind: 'sign-in-required' });
        return token;
      },
      fetch: options.fetch,
    });
    const learnt = new Map<Guid, AccessVerdict>();
    const unchecked: AccessReport['unchecked'] = [];
    const queue = [...unknown];
    // Once the team is paused or its budget spent, the rest of the IDs wait: none is read past a 429.
    let stopped: AccessReport['unchecked'][number]['problem'] | undefined = (await options.budget.pausedUntil(now())) === undefined ? undefined : 'throttled';
    const worker = async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        // A call taken from the budget is made, unless a 429 came back meanwhile.
        const paid = stopped === undefined && (await options.budget.take(oid));
        if (!paid && stopped === undefined) stopped = 'budget';
        if (!paid || stopped === 'throttled') {
          unchecked.push({ id, problem: stopped ?? 'budget' });
          continue;
        }
        const verdict = await readAs(defender, id);
        if (typeof verdict === 'string') {
          learnt.set(id, verdict);
          continue;
        }
        unchecked.push({ id, problem: verdict.problem });
        if (verdict.problem === 'throttled') {
          stopped = 'throttled';
          const until = now() + (verdict.retryAfterMs ?? defaultPauseMs);
          await options.budget.pause(until, now()).catch(() => undefined);
          options.onPause(until);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(parallelReads, queue.length) }, worker));
    await options.cache.write(oid, learnt);
    for (const [id, verdict] of learnt) verdicts.set(id, verdict);
    const report: AccessReport = { allowed: [], denied: [], unchecked };
    for (const id of ids) {
      const verdict = verdicts.get(id);
      if (verdict === 'allowed') report.allowed.push(id);
      else if (verdict !== undefined) report.denied.push({ id, reason: verdict });
    }
    return report;
  };
}

async function readAs(defender: ReturnType<typeof createDefenderClient>, id: Guid): Promise<AccessVerdict | { problem: DefenderProblemKind; retryAfterMs?: number }> {
  try {
    await defender.getMachineAction(id);
    return 'allowed';
  } catch (error) {
    if (!isDefenderRequestError(error)) throw error;
    // Defender answers an action outside the analyst's device groups as not found: both are "not yours".
    if (error.problem.kind === 'not-found') return 'not-found';
    if (error.problem.kind === 'forbidden') return 'forbidden';
    return { problem: error.problem.kind, retryAfterMs: error.problem.kind === 'throttled' ? error.problem.retryAfterMs : undefined };
  }
}
