import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Guid } from '../lib/guid';
import { fakeDefender, testApiBaseUrl, timeoutsOnTestTimers, type FakeDefender } from '../testing/fake-defender';
import { actionBody, actionId } from '../testing/machine-actions';
import { crossOriginVerdictMs } from './cross-origin-probe';
import { createDefenderClient, type TokenRequest } from './defender-client';
import { DefenderRequestError, type DefenderProblem } from './defender-problem';

const id = actionId as Guid;
const other = '11111111-1111-4111-8111-000000000001' as Guid;
const device = '1e5bc9d7e413ddd7902c2932e418702b84d0cc07';
const now = Date.parse('2026-01-05T10:00:00Z');

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

function client(fake: FakeDefender, getAccessToken = vi.fn(async ({ forceRefresh }: TokenRequest) => (forceRefresh ? 'fresh-token' : 'cached-token')), timeoutMs = 5_000) {
  return { getAccessToken, defender: createDefenderClient({ apiBaseUrl: fake.apiBaseUrl, getAccessToken, timeoutMs, now: () => now, fetch: fake.fetch }) };
}

/** A Defender that knows the one action `actionId`, Pending. */
function withAction() {
  const fake = fakeDefender();
  fake.setAction(id);
  return fake;
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
    const fake = withAction();
    fake.setAction(id, { status: 'InProgress' });
    const action = await client(fake).defender.getMachineAction(id);
    expect(action.status).toBe('InProgress');
    expect(fake.calls.map((call) => [call.kind, call.ids, call.authorization])).toEqual([['one', [id], 'Bearer cached-token']]);
  });

  it('renews the token once on 401 and retries', async () => {
    const fake = withAction();
    fake.failNext(401);
    const { defender, getAccessToken } = client(fake);
    await expect(defender.getMachineAction(id)).resolves.toMatchObject({ id: actionId });
    expect(getAccessToken.mock.calls.map(([request]) => request.forceRefresh)).toEqual([false, true]);
    expect(fake.calls.map((call) => call.authorization)).toEqual(['Bearer cached-token', 'Bearer fresh-token']);
  });

  it('asks to sign in again when the renewed token is refused too, without a third try', async () => {
    const fake = withAction();
    fake.failNext(401, { target: 'corr-401' });
    fake.failNext(401, { target: 'corr-401' });
    fake.failNext(401, { target: 'corr-401' });
    expect(await problemOf(client(fake).defender.getMachineAction(id))).toMatchObject({ kind: 'sign-in-required', target: 'corr-401' });
    expect(fake.calls).toHaveLength(2);
  });

  it.each([
    [404, 'ResourceNotFound', 'not-found'],
    [403, 'Forbidden', 'forbidden'],
    [500, 'InternalServerError', 'server'],
    [503, 'ServiceUnavailable', 'server'],
    [400, 'InvalidInput', 'bad-request'],
  ])('maps %i %s to %s, keeping the correlation id', async (status, code, kind) => {
    const fake = withAction();
    fake.failNext(status, { code, target: 'corr-x' });
    expect(await problemOf(client(fake).defender.getMachineAction(id))).toMatchObject({ kind, code, target: 'corr-x' });
  });

  it('reports an action Defender does not know as not found', async () => {
    expect(await problemOf(client(fakeDefender()).defender.getMachineAction(id))).toMatchObject({ kind: 'not-found', code: 'ResourceNotFound' });
  });

  it('reads Retry-After in seconds and as a date on 429', async () => {
    const fake = withAction();
    fake.failNext(429, { headers: { 'Retry-After': '17' } });
    fake.failNext(429, { headers: { 'Retry-After': 'Mon, 05 Jan 2026 10:01:00 GMT' } });
    const { defender } = client(fake);
    expect(await problemOf(defender.getMachineAction(id))).toMatchObject({ kind: 'throttled', retryAfterMs: 17_000 });
    expect(await problemOf(defender.getMachineAction(id))).toMatchObject({ kind: 'throttled', retryAfterMs: 60_000 });
  });

  it('reports a 429 whose Retry-After cannot be read (not exposed by CORS, say)', async () => {
    const fake = withAction();
    fake.failNext(429);
    const problem = await problemOf(client(fake).defender.getMachineAction(id));
    expect(problem).toMatchObject({ kind: 'throttled' });
    expect(problem.kind === 'throttled' && problem.retryAfterMs).toBeUndefined();
  });

  it('keeps the raw text of an answer that is not JSON', async () => {
    const fake = withAction();
    fake.answerNext('{"id": "5f1c');
    expect(await problemOf(client(fake).defender.getMachineAction(id))).toEqual({ kind: 'malformed', detail: 'The answer is not JSON.', rawText: '{"id": "5f1c' });
  });

  it('reports JSON that is not a machine action, naming the field', async () => {
    const fake = withAction();
    fake.answerNext({ id: actionId, type: 'Isolate' });
    const problem = await problemOf(client(fake).defender.getMachineAction(id));
    expect(problem.kind === 'malformed' && problem.detail).toContain('status');
  });

  it('reports an answer about another action', async () => {
    const fake = withAction();
    fake.answerNext(actionBody({ id: other }));
    expect(await problemOf(client(fake).defender.getMachineAction(id))).toMatchObject({ kind: 'malformed' });
  });

  it('reports a network failure (without a page origin, as on a server, nothing is probed)', async () => {
    const fake = withAction();
    fake.failNextConnection();
    expect(await problemOf(client(fake).defender.getMachineAction(id))).toMatchObject({ kind: 'network' });
    expect(fake.calls).toHaveLength(1);
  });

  it('abandons a request that hangs, as a timeout', async () => {
    vi.useFakeTimers({ now });
    timeoutsOnTestTimers();
    const fake = withAction();
    fake.hangNext();
    const outcome = problemOf(client(fake, undefined, 50).defender.getMachineAction(id));
    await vi.advanceTimersByTimeAsync(49);
    const early = await Promise.race([outcome, Promise.resolve('still waiting')]);
    await vi.advanceTimersByTimeAsync(1);
    expect([early, await outcome]).toEqual(['still waiting', { kind: 'timeout', afterMs: 50 }]);
  });

  it("lets the caller's cancellation through as it is", async () => {
    const fake = withAction();
    fake.hangNext();
    const controller = new AbortController();
    const pending = client(fake).defender.getMachineAction(id, controller.signal);
    controller.abort();
    await expect(pending).rejects.not.toBeInstanceOf(DefenderRequestError);
  });

  it('passes on a token problem without calling the API', async () => {
    const fake = withAction();
    const getAccessToken = vi.fn(async () => {
      throw new DefenderRequestError({ kind: 'sign-in-required' });
    });
    expect(await problemOf(client(fake, getAccessToken).defender.getMachineAction(id))).toEqual({ kind: 'sign-in-required' });
    expect(fake.calls).toEqual([]);
  });
});

describe('list calls', () => {
  it('reads many actions with one id-in filter; an ID Defender does not know is simply absent', async () => {
    const fake = withAction();
    fake.setAction(other, { status: 'Succeeded' });
    const unknown = '22222222-2222-4222-8222-000000000002' as Guid;
    const { actions, nextLink } = await client(fake).defender.listMachineActions([id, other, unknown], 'in');
    expect(nextLink).toBeUndefined();
    expect(new URL(fake.calls[0].url).searchParams.get('$filter')).toBe(`id in ('${actionId}','${other}','${unknown}')`);
    expect(fake.calls.map((call) => [call.kind, call.ids])).toEqual([['list', [id, other, unknown]]]);
    expect(actions.map((action) => [action.id, action.status])).toEqual([
      [actionId, 'Pending'],
      [other, 'Succeeded'],
    ]);
  });

  it('leaves out items that are not actions', async () => {
    const fake = withAction();
    fake.answerNext({ '@odata.context': 'x', value: [actionBody(), actionBody({ id: other, status: 'Succeeded' }), { id: 'broken' }] });
    const { actions } = await client(fake).defender.listMachineActions([id, other], 'in');
    expect(actions.map((action) => action.id)).toEqual([actionId, other]);
  });

  it('reports a list answer without a value array', async () => {
    const fake = withAction();
    fake.answerNext({ error: 'nope' });
    expect(await problemOf(client(fake).defender.listMachineActions([id], 'in'))).toMatchObject({ kind: 'malformed' });
  });

  it("reads many actions with an `or` chain, XSOAR's shape, for an API without `in`", async () => {
    const fake = withAction();
    fake.setAction(other, { status: 'Succeeded' });
    const { actions } = await client(fake).defender.listMachineActions([id, other], 'or');
    expect(new URL(fake.calls[0].url).searchParams.get('$filter')).toBe(`id eq '${actionId}' or id eq '${other}'`);
    expect(actions.map((action) => action.status)).toEqual(['Pending', 'Succeeded']);
  });

  it('reports a refused `in` as the 400 it is, for the poller to change shape', async () => {
    const fake = withAction();
    fake.refuseIn();
    expect(await problemOf(client(fake).defender.listMachineActions([id, other], 'in'))).toMatchObject({ kind: 'bad-request', status: 400, code: 'BadRequest' });
  });

  it('hands back a nextLink on its own list path, and reads the page it names with the same token', async () => {
    const fake = withAction();
    const third = '44444444-4444-4444-8444-000000000004' as Guid;
    fake.setAction(other);
    fake.setAction(third);
    fake.pageListsBy(2);
    const { defender } = client(fake);
    const first = await defender.listMachineActions([id, other, third], 'in');
    expect(first.actions).toHaveLength(2);
    expect(first.nextLink).toMatch(/^https:\/\/api\.securitycenter\.microsoft\.com\/api\/machineactions\?/);
    const second = await defender.getMachineActionsPage(first.nextLink ?? '');
    expect([second.actions.map((action) => action.id), second.nextLink]).toEqual([[third], undefined]);
    expect(fake.calls.map((call) => [call.kind, call.skip, call.authorization])).toEqual([
      ['list', 0, 'Bearer cached-token'],
      ['list', 2, 'Bearer cached-token'],
    ]);
  });

  it.each([
    ['another host', 'https://evil.example/api/machineactions?$skip=2'],
    ['another scheme', 'http://api.securitycenter.microsoft.com/api/machineactions?$skip=2'],
    ['another path on the API', 'https://api.securitycenter.microsoft.com/api/machines?$skip=2'],
    ['a user name in the URL', 'https://someone@api.securitycenter.microsoft.com/api/machineactions?$skip=2'],
  ])('does not follow a nextLink to %s, and never sends the token there', async (_, link) => {
    const fake = withAction();
    fake.answerNext({ '@odata.context': 'x', value: [actionBody()], '@odata.nextLink': link });
    const { defender } = client(fake);
    const page = await defender.listMachineActions([id, other], 'in');
    expect([page.nextLink, page.ignoredNextLink]).toEqual([undefined, link]);
    await expect(defender.getMachineActionsPage(link)).rejects.toBeInstanceOf(TypeError);
    expect(fake.calls).toHaveLength(1);
  });

  it("lists a device's newest actions, newest first", async () => {
    const fake = fakeDefender();
    const onDevice = Array.from({ length: 12 }, (_, index) => `33333333-3333-4333-8333-${String(index).padStart(12, '0')}`);
    onDevice.forEach((action, index) => fake.setAction(action, { createdAt: now - index * 60_000, fields: { machineId: device } }));
    fake.setAction(other, { createdAt: now, fields: { machineId: 'f'.repeat(40) } });
    const actions = await client(fake).defender.getDeviceActions(device);
    expect(actions.map((action) => action.id)).toEqual(onDevice.slice(0, 10));
    expect(decodeURIComponent(new URL(fake.calls[0].url).search)).toBe(`?$filter=machineId eq '${device}'&$orderby=creationDateTimeUtc desc&$top=10`);
    expect(fake.calls.map((call) => [call.kind, call.ids])).toEqual([['device', [device]]]);
  });
});

describe('a call to another origin that does not get through', () => {
  const pageOrigin = 'https://watch.contoso.com';
  const url = `${testApiBaseUrl}/api/machineactions/${actionId}`;
  const refused: DefenderProblem = { kind: 'cross-origin', apiOrigin: testApiBaseUrl, pageOrigin };

  /** The app's client in a browser on `pageOrigin`, calling the API's host directly; the clock is the test's. */
  function direct(fake: FakeDefender, options: { page?: string; online?: boolean; clock?: { at: number } } = {}) {
    const clock = options.clock ?? { at: now };
    return createDefenderClient({
      apiBaseUrl: fake.apiBaseUrl,
      getAccessToken: async () => 'cached-token',
      now: () => clock.at,
      fetch: fake.fetch,
      pageOrigin: options.page ?? pageOrigin,
      isOnline: () => options.online ?? true,
    });
  }

  const probes = (fake: FakeDefender) => fake.calls.filter((call) => call.mode === 'no-cors');

  it('is a refused cross-origin call when Defender answers the same URL asked without CORS, the probe sending no token', async () => {
    const fake = withAction();
    fake.refuseCrossOriginCalls();
    expect(await problemOf(direct(fake).getMachineAction(id))).toEqual(refused);
    expect(fake.calls.map((call) => [call.url, call.authorization, call.mode])).toEqual([
      [url, 'Bearer cached-token', undefined],
      [url, null, 'no-cors'],
    ]);
  });

  it('is a network fault when the probe does not get through either', async () => {
    const fake = withAction();
    fake.failNextConnection();
    fake.failNextConnection();
    expect(await problemOf(direct(fake).getMachineAction(id))).toEqual({ kind: 'network', message: 'Failed to fetch' });
    expect(probes(fake)).toHaveLength(1);
  });

  it("is a network fault on the page's own origin, where CORS has no say: nothing is probed", async () => {
    const fake = withAction();
    fake.refuseCrossOriginCalls(); // a probe would be answered: only the origin keeps it from being sent
    expect(await problemOf(direct(fake, { page: testApiBaseUrl }).getMachineAction(id))).toMatchObject({ kind: 'network' });
    expect(fake.calls).toHaveLength(1);
  });

  it('is a network fault while the browser is offline: nothing is probed', async () => {
    const fake = withAction();
    fake.refuseCrossOriginCalls();
    expect(await problemOf(direct(fake, { online: false }).getMachineAction(id))).toMatchObject({ kind: 'network' });
    expect(fake.calls).toHaveLength(1);
  });

  it('remembers the verdict for the origin: within its window a check costs one call, any call, and after it, one probe again', async () => {
    const fake = withAction();
    fake.refuseCrossOriginCalls();
    const clock = { at: now };
    const defender = direct(fake, { clock });
    expect(await problemOf(defender.getMachineAction(id))).toEqual(refused);
    clock.at = now + crossOriginVerdictMs.refused - 1;
    expect(await problemOf(defender.getMachineAction(id))).toEqual(refused);
    expect(await problemOf(defender.listMachineActions([id, other], 'in'))).toEqual(refused);
    expect([fake.calls.length, probes(fake).length]).toEqual([4, 1]);
    clock.at = now + crossOriginVerdictMs.refused;
    expect(await problemOf(defender.getMachineAction(id))).toEqual(refused);
    expect([fake.calls.length, probes(fake).length]).toEqual([6, 2]);
  });

  it('probes once for calls that fail together', async () => {
    const fake = withAction();
    fake.refuseCrossOriginCalls();
    const defender = direct(fake);
    const problems = await Promise.all([defender.getMachineAction(id), defender.getMachineAction(other), defender.listMachineActions([id, other], 'in')].map(problemOf));
    expect(problems).toEqual([refused, refused, refused]);
    expect(probes(fake)).toHaveLength(1);
  });

  it('keeps "no answer at all" for a short while only: the host may come back', async () => {
    const fake = withAction();
    const clock = { at: now };
    const defender = direct(fake, { clock });
    fake.failNextConnection();
    fake.failNextConnection();
    expect(await problemOf(defender.getMachineAction(id))).toMatchObject({ kind: 'network' });
    fake.refuseCrossOriginCalls();
    clock.at = now + crossOriginVerdictMs.unreachable - 1;
    expect(await problemOf(defender.getMachineAction(id))).toMatchObject({ kind: 'network' });
    expect(probes(fake)).toHaveLength(1);
    clock.at = now + crossOriginVerdictMs.unreachable;
    expect(await problemOf(defender.getMachineAction(id))).toEqual(refused);
    expect(probes(fake)).toHaveLength(2);
  });

  it('forgets a refusal once a call to the origin is answered', async () => {
    const fake = withAction();
    const defender = direct(fake);
    fake.failNextConnection(); // refused, the probe answered
    expect(await problemOf(defender.getMachineAction(id))).toEqual(refused);
    await expect(defender.getMachineAction(id)).resolves.toMatchObject({ id: actionId });
    fake.failNextConnection();
    fake.failNextConnection();
    expect(await problemOf(defender.getMachineAction(id))).toMatchObject({ kind: 'network' });
    expect(probes(fake)).toHaveLength(2);
  });

  it('is a network fault, unprobed, when an answer is cut off halfway: the call got through, so CORS let it', async () => {
    const sent: (RequestInit | undefined)[] = [];
    const cutOff = async (_: unknown, init?: RequestInit) => {
      sent.push(init);
      return new Response(new ReadableStream({ start: (body) => body.error(new TypeError('terminated')) }));
    };
    const defender = createDefenderClient({ apiBaseUrl: testApiBaseUrl, getAccessToken: async () => 'cached-token', fetch: cutOff, pageOrigin });
    expect(await problemOf(defender.getMachineAction(id))).toEqual({ kind: 'network', message: 'terminated' });
    expect(sent).toHaveLength(1);
  });
});
