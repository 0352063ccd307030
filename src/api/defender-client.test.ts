import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Guid } from '../lib/guid';
import { actionBody, actionId } from '../testing/machine-actions';
import { actionUrl, defenderError, http, HttpResponse, testApiBaseUrl } from '../testing/defender-handlers';
import { createDefenderClient, type TokenRequest } from './defender-client';
import { DefenderRequestError, type DefenderProblem } from './defender-problem';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const id = actionId as Guid;
const now = Date.parse('2026-01-05T10:00:00Z');

function client(getAccessToken = vi.fn(async ({ forceRefresh }: TokenRequest) => (forceRefresh ? 'fresh-token' : 'cached-token')), timeoutMs = 5_000) {
  return { getAccessToken, defender: createDefenderClient({ apiBaseUrl: testApiBaseUrl, getAccessToken, timeoutMs, now: () => now }) };
}

async function problemOf(promise: Promise<unknown>): Promise<DefenderProblem> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof DefenderRequestError)) throw new Error(`expected a DefenderRequestError, got ${String(error)}`);
  return error.problem;
}

describe('createDefenderClient', () => {
  it('reads an action with the bearer token', async () => {
    let authorization: string | null = null;
    server.use(
      http.get(actionUrl, ({ request }) => {
        authorization = request.headers.get('Authorization');
        return HttpResponse.json(actionBody({ status: 'InProgress' }));
      }),
    );
    const action = await client().defender.getMachineAction(id);
    expect(action.status).toBe('InProgress');
    expect(authorization).toBe('Bearer cached-token');
  });

  it('renews the token once on 401 and retries', async () => {
    server.use(http.get(actionUrl, ({ request }) => (request.headers.get('Authorization') === 'Bearer fresh-token' ? HttpResponse.json(actionBody()) : defenderError(401, 'Unauthorized'))));
    const { defender, getAccessToken } = client();
    await expect(defender.getMachineAction(id)).resolves.toMatchObject({ id: actionId });
    expect(getAccessToken.mock.calls.map(([request]) => request.forceRefresh)).toEqual([false, true]);
  });

  it('asks to sign in again when the renewed token is refused too, without a third try', async () => {
    const seen = vi.fn();
    server.use(
      http.get(actionUrl, () => {
        seen();
        return defenderError(401, 'Unauthorized', { target: 'corr-401' });
      }),
    );
    expect(await problemOf(client().defender.getMachineAction(id))).toMatchObject({ kind: 'sign-in-required', target: 'corr-401' });
    expect(seen).toHaveBeenCalledTimes(2);
  });

  it.each([
    [404, 'ResourceNotFound', 'not-found'],
    [403, 'Forbidden', 'forbidden'],
    [500, 'InternalServerError', 'server'],
    [503, 'ServiceUnavailable', 'server'],
    [400, 'InvalidInput', 'bad-request'],
  ])('maps %i %s to %s, keeping the correlation id', async (status, code, kind) => {
    server.use(http.get(actionUrl, () => defenderError(status, code, { target: 'corr-x' })));
    expect(await problemOf(client().defender.getMachineAction(id))).toMatchObject({ kind, code, target: 'corr-x' });
  });

  it('reads Retry-After in seconds and as a date on 429', async () => {
    server.use(http.get(actionUrl, () => defenderError(429, 'TooManyRequests', { headers: { 'Retry-After': '17' } })));
    expect(await problemOf(client().defender.getMachineAction(id))).toMatchObject({ kind: 'throttled', retryAfterMs: 17_000 });
    server.use(http.get(actionUrl, () => defenderError(429, 'TooManyRequests', { headers: { 'Retry-After': 'Mon, 05 Jan 2026 10:01:00 GMT' } })));
    expect(await problemOf(client().defender.getMachineAction(id))).toMatchObject({ kind: 'throttled', retryAfterMs: 60_000 });
  });

  it('reports a 429 whose Retry-After cannot be read (not exposed by CORS, say)', async () => {
    server.use(http.get(actionUrl, () => defenderError(429, 'TooManyRequests')));
    const problem = await problemOf(client().defender.getMachineAction(id));
    expect(problem).toMatchObject({ kind: 'throttled' });
    expect(problem.kind === 'throttled' && problem.retryAfterMs).toBeUndefined();
  });

  it('keeps the raw text of an answer that is not JSON', async () => {
    server.use(http.get(actionUrl, () => new HttpResponse('{"id": "5f1c', { headers: { 'Content-Type': 'application/json' } })));
    expect(await problemOf(client().defender.getMachineAction(id))).toEqual({ kind: 'malformed', detail: 'The answer is not JSON.', rawText: '{"id": "5f1c' });
  });

  it('reports JSON that is not a machine action, naming the field', async () => {
    server.use(http.get(actionUrl, () => HttpResponse.json({ id: actionId, type: 'Isolate' })));
    const problem = await problemOf(client().defender.getMachineAction(id));
    expect(problem.kind === 'malformed' && problem.detail).toContain('status');
  });

  it('reports an answer about another action', async () => {
    server.use(http.get(actionUrl, () => HttpResponse.json(actionBody({ id: '11111111-1111-4111-8111-000000000001' }))));
    expect(await problemOf(client().defender.getMachineAction(id))).toMatchObject({ kind: 'malformed' });
  });

  it('reports a network failure', async () => {
    server.use(http.get(actionUrl, () => HttpResponse.error()));
    expect(await problemOf(client().defender.getMachineAction(id))).toMatchObject({ kind: 'network' });
  });

  it('abandons a request that hangs, as a timeout', async () => {
    server.use(http.get(actionUrl, () => new Promise<Response>(() => {})));
    expect(await problemOf(client(undefined, 50).defender.getMachineAction(id))).toEqual({ kind: 'timeout', afterMs: 50 });
  });

  it("lets the caller's cancellation through as it is", async () => {
    server.use(http.get(actionUrl, () => new Promise<Response>(() => {})));
    const controller = new AbortController();
    const pending = client().defender.getMachineAction(id, controller.signal);
    controller.abort();
    await expect(pending).rejects.not.toBeInstanceOf(DefenderRequestError);
  });

  it('passes on a token problem without calling the API', async () => {
    const seen = vi.fn();
    server.use(http.get(actionUrl, () => seen()));
    const getAccessToken = vi.fn(async () => {
      throw new DefenderRequestError({ kind: 'sign-in-required' });
    });
    expect(await problemOf(client(getAccessToken).defender.getMachineAction(id))).toEqual({ kind: 'sign-in-required' });
    expect(seen).not.toHaveBeenCalled();
  });
});

describe('list calls', () => {
  const listUrl = `${testApiBaseUrl}/api/machineactions`;
  const other = '11111111-1111-4111-8111-000000000001';

  it('reads many actions with one id-in filter, leaving out items that are not actions', async () => {
    let filter: string | null = null;
    server.use(
      http.get(listUrl, ({ request }) => {
        filter = new URL(request.url).searchParams.get('$filter');
        return HttpResponse.json({ '@odata.context': 'x', value: [actionBody(), actionBody({ id: other, status: 'Succeeded' }), { id: 'broken' }] });
      }),
    );
    const actions = await client().defender.getMachineActions([id, other as Guid]);
    expect(filter).toBe(`id in ('${actionId}','${other}')`);
    expect(actions.map((action) => [action.id, action.status])).toEqual([
      [actionId, 'Pending'],
      [other, 'Succeeded'],
    ]);
  });

  it('reports a list answer without a value array', async () => {
    server.use(http.get(listUrl, () => HttpResponse.json({ error: 'nope' })));
    expect(await problemOf(client().defender.getMachineActions([id]))).toMatchObject({ kind: 'malformed' });
  });

  it("lists a device's newest actions", async () => {
    let search = '';
    server.use(
      http.get(listUrl, ({ request }) => {
        search = new URL(request.url).search;
        return HttpResponse.json({ value: [actionBody()] });
      }),
    );
    await expect(client().defender.getDeviceActions('1e5bc9d7e413ddd7902c2932e418702b84d0cc07')).resolves.toHaveLength(1);
    expect(decodeURIComponent(search)).toBe("?$filter=machineId eq '1e5bc9d7e413ddd7902c2932e418702b84d0cc07'&$orderby=creationDateTimeUtc desc&$top=10");
  });
});
