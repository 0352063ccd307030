import type { QueryClient } from '@tanstack/react-query';
import type { DefenderProblem, DefenderProblemKind } from '../../core/defender/defender-problem';
import { problemFromResponse } from '../../core/defender/error-response';
import type { MachineAction } from '../../core/defender/machine-action';
import type { Guid } from '../../core/lib/guid';
import type { HistorySamples } from '../../core/polling/history/duration-history';
import { actionQueries } from '../polling/react/action-queries';
import { tenantHistories } from '../polling/history/tenant-histories';
import type { ActionWatch, StatusChange } from '../../core/polling/watch/watch-state';

/** A watch whose latest check read the action at `readAt`; it was first seen in the statuses of `history`. */
export function readWatch(action: MachineAction, readAt: number, history: StatusChange[] = [{ status: action.status, at: readAt }]): ActionWatch {
  return { action, readAt, failure: undefined, history, jitter: 0.5 };
}

/**
 * The watch after failed checks from `since` to `lastAt`, keeping what the last good read (if any) saw.
 * `since` defaults to `lastAt`: a first failure.
 */
export function failingWatch(lastGood: ActionWatch | undefined, problem: DefenderProblem, lastAt: number, since = lastAt): ActionWatch {
  return {
    action: lastGood?.action,
    readAt: lastGood?.readAt,
    failure: { problem, count: 1, since, lastAt },
    history: lastGood?.history ?? [],
    jitter: 0.5,
  };
}

const errorBody = (code: string, message: string) => JSON.stringify({ error: { code, message, target: `corr-${code}` } });

/**
 * One problem of each way a check can fail, made as the client makes them: HTTP answers through the
 * app's own mapping (problemFromResponse), the rest as defender-client.ts throws them.
 */
export function sampleProblems(now: number) {
  const answer = (status: number, code: string, retryAfter: string | null = null) => problemFromResponse(status, retryAfter, errorBody(code, `${code} message`), now);
  return {
    notFound: answer(404, 'ResourceNotFound'),
    signInRequired: answer(401, 'Unauthorized'),
    forbidden: answer(403, 'Forbidden'),
    throttledFor30s: answer(429, 'TooManyRequests', '30'),
    throttledUnreadable: answer(429, 'TooManyRequests', 'in a minute'),
    throttledWithoutRetryAfter: answer(429, 'TooManyRequests'),
    server500: answer(500, 'InternalServerError'),
    server503: answer(503, 'ServiceUnavailable'),
    badRequest: answer(400, 'InvalidInput'),
    network: { kind: 'network', message: 'Failed to fetch' },
    crossOrigin: { kind: 'cross-origin', apiOrigin: 'https://api.securitycenter.microsoft.com', pageOrigin: 'https://watch.contoso.com' },
    timeout: { kind: 'timeout', afterMs: 20_000 },
    malformed: { kind: 'malformed', detail: 'The answer is not JSON.', rawText: '{"value":[{"id":"5f1c3a9e-2b7d-4e8f-9a6b-1c2d3e4f5a6b", <html>Proxy error</html>' },
  } satisfies Record<string, DefenderProblem>;
}

// Listed by a mapped type: a new kind in the union fails the type check here until a test covers it.
const problemKinds: Record<DefenderProblemKind, true> = {
  'not-found': true,
  'sign-in-required': true,
  forbidden: true,
  throttled: true,
  server: true,
  'bad-request': true,
  network: true,
  'cross-origin': true,
  timeout: true,
  malformed: true,
};

/** Every kind of DefenderProblem: a table of cases checks that it covers them all. */
export const everyProblemKind = Object.keys(problemKinds) as DefenderProblemKind[];

/** Writes the watch into the cache as the poller does, with the time of the check that wrote it. */
export function seedWatch(queryClient: QueryClient, id: Guid, watch: ActionWatch, checkedAt: number): void {
  queryClient.setQueryData(actionQueries.watch(id).queryKey, watch, { updatedAt: checkedAt });
}

/** The key of a type's history read; the reading function is never called for data the cache already has. */

/**
 * Keeps what one history read found for a kind in the tenant's store, as the poller would after reading it
 * just now (it is then fresh for a day). setup.ts empties the store after each test.
 */
export function seedHistory(tenant: string, samples: HistorySamples): void {
  tenantHistories(tenant).store.keep(samples.type, [samples], { periodDays: samples.periodDays, readAt: Date.now() });
}
