import { createDefenderClient } from '../../src/api/defender-client';
import { DefenderRequestError, isDefenderRequestError, type DefenderProblemKind } from '../../src/api/defender-problem';
import type { Guid } from '../../src/lib/guid';
import type { AccessCache, AccessVerdict } from '../state/access-cache';

/** What an analyst may be streamed, and why the rest may not. */
export interface AccessReport {
  allowed: Guid[];
  denied: { id: Guid; reason: Exclude<AccessVerdict, 'allowed'> }[];
  /** The check itself failed (429, 5xx, timeout): nothing is cached, and the next request tries again. */
  unchecked: { id: Guid; problem: DefenderProblemKind }[];
}

export interface AccessCheckOptions {
  defenderApi: string;
  cache: AccessCache;
  fetch?: typeof fetch;
}

/** Reads at once per analyst request: enough to be quick, few enough not to burst the app's quota. */
const parallelReads = 4;

export type AccessChecker = (oid: string, token: string, ids: readonly Guid[]) => Promise<AccessReport>;

/**
 * Pass-through: each action is read with the analyst's own token, so the answer is exactly their delegated
 * rights (device groups included). The token is used for these reads and dropped; only the verdict is cached.
 */
export function accessChecker(options: AccessCheckOptions): AccessChecker {
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
    const worker = async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        const verdict = await readAs(defender, id);
        if (typeof verdict === 'string') learnt.set(id, verdict);
        else unchecked.push({ id, problem: verdict.problem });
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

async function readAs(defender: ReturnType<typeof createDefenderClient>, id: Guid): Promise<AccessVerdict | { problem: DefenderProblemKind }> {
  try {
    await defender.getMachineAction(id);
    return 'allowed';
  } catch (error) {
    if (!isDefenderRequestError(error)) throw error;
    // Defender answers an action outside the analyst's device groups as not found: both are "not yours".
    if (error.problem.kind === 'not-found') return 'not-found';
    if (error.problem.kind === 'forbidden') return 'forbidden';
    return { problem: error.problem.kind };
  }
}
