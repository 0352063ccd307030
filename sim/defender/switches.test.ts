import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listenOnLoopback, type LoopbackServer } from '../http/loopback.ts';
import type { Caller } from './bearer-auth.ts';
import { DefenderError } from './errors.ts';
import { parseFilter } from './odata-filter.ts';
import { createDefenderRequestHandler } from './request-handler.ts';
import { createSimulation } from './simulation.ts';
import { nextLink, pageOf, parseSwitches, requireNoIn, requireShortUrl, SWITCHES_OFF, type Switches } from './switches.ts';

const on = (changes: Partial<Switches>): Switches => ({ ...SWITCHES_OFF, ...changes });

function refusal(run: () => void): { status: number; code: string } | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof DefenderError) return { status: error.status, code: error.code };
    throw error;
  }
  return undefined;
}

describe('parseSwitches', () => {
  it.each<[string, unknown, Switches, Switches]>([
    ['turns one switch on and leaves the others', { refuseIn: true }, on({ pageSize: 3 }), on({ refuseIn: true, pageSize: 3 })],
    ['null turns a count off', { pageSize: null }, on({ pageSize: 3, maxUrlLength: 900 }), on({ maxUrlLength: 900 })],
    ['an empty body changes nothing', {}, on({ refuseIn: true }), on({ refuseIn: true })],
    ['CORS on for the tests of direct calls', { cors: true }, on({}), on({ cors: true })],
  ])('%s', (_, body, current, expected) => {
    expect(parseSwitches(body as never, current)).toEqual(expected);
  });

  it.each([[{ refuseIn: 'yes' }], [{ cors: 1 }], [{ pageSize: 0 }], [{ maxUrlLength: 1.5 }], [{ pageSize: '2' }], [{ paging: 2 }], [[]], ['on']])(
    'refuses %j',
    (body) => {
      expect(refusal(() => parseSwitches(body as never, SWITCHES_OFF))).toEqual({ status: 400, code: 'InvalidRequestBody' });
    },
  );
});

describe('requireNoIn', () => {
  it.each<[string, Switches, string, number | undefined]>([
    ['`in` while refused: 400', on({ refuseIn: true }), "id in ('a','b')", 400],
    ['`in` inside an `and`: 400', on({ refuseIn: true }), "status eq 'Pending' and id in ('a')", 400],
    ['`in` under a `not`: 400', on({ refuseIn: true }), "not (id in ('a'))", 400],
    ['an `or` chain while `in` is refused: answered', on({ refuseIn: true }), "id eq 'a' or id eq 'b'", undefined],
    ['`in` with the switch off: answered', SWITCHES_OFF, "id in ('a')", undefined],
  ])('%s', (_, switches, filter, status) => {
    expect(refusal(() => requireNoIn(switches, parseFilter(filter)))?.status).toBe(status);
  });
});

describe('requireShortUrl', () => {
  it.each<[Switches, number, number | undefined]>([
    [on({ maxUrlLength: 100 }), 100, undefined],
    [on({ maxUrlLength: 100 }), 101, 414],
    [SWITCHES_OFF, 100_000, undefined],
  ])('%o, %i characters → %s', (switches, length, status) => {
    expect(refusal(() => requireShortUrl(switches, 'x'.repeat(length)))?.status).toBe(status);
  });
});

describe('nextLink and pageOf', () => {
  it('moves $skip on and keeps every other option exactly as sent', () => {
    expect(nextLink('http://localhost:4020', '/api/machineactions', "?$filter=id%20in%20(%27a%27)&$skip=2&$orderby=id", 4)).toBe(
      "http://localhost:4020/api/machineactions?$filter=id%20in%20(%27a%27)&$orderby=id&$skip=4",
    );
    expect(nextLink('http://localhost:4020', '/api/machineactions', '?%24skip=2', 4)).toBe('http://localhost:4020/api/machineactions?$skip=4');
  });

  it.each<[string, Switches, number, boolean, { items: number; nextSkip: number | null }]>([
    ['paging off: everything', SWITCHES_OFF, 0, false, { items: 7, nextSkip: null }],
    ['first page of three', on({ pageSize: 3 }), 0, false, { items: 3, nextSkip: 3 }],
    ['a middle page', on({ pageSize: 3 }), 3, false, { items: 3, nextSkip: 6 }],
    ['what fits in one page: no nextLink', on({ pageSize: 7 }), 0, false, { items: 7, nextSkip: null }],
    ['$top given: no nextLink, as on Defender', on({ pageSize: 3 }), 0, true, { items: 7, nextSkip: null }],
  ])('%s', (_, switches, skip, topGiven, expected) => {
    const page = pageOf(switches, Array.from({ length: 7 }, (_, index) => index), { skip, topGiven });
    expect({ items: page.items.length, nextSkip: page.nextSkip }).toEqual(expected);
  });
});

describe('the switches over HTTP', () => {
  const device = { machineId: 'a'.repeat(40), computerDnsName: 'ws-1.contoso.example', deviceGroup: 'Workstations' };
  const ids = Array.from({ length: 5 }, (_, index) => `00000000-0000-4000-8000-00000000000${index}`);
  const simulation = createSimulation({ home: { tenantId: 'tenant', tenantName: 'Contoso', actions: () => [], devices: [device], defaultDevice: device } });
  const caller: Caller = { kind: 'user', objectId: 'dana', upn: 'dana@contoso.example', appId: 'app', tenantId: 'tenant', scopes: new Set(['Machine.Read']), roles: new Set() };
  let server: LoopbackServer;
  let base: string;

  beforeAll(async () => {
    const handler = createDefenderRequestHandler({ simulation, verifyBearer: async () => caller, userRoles: () => ({}), appOrigins: [], quiet: true });
    server = await listenOnLoopback(handler, 0);
    base = `http://127.0.0.1:${server.port}`;
  });
  afterAll(() => server.close());
  beforeEach(async () => {
    simulation.reset();
    for (const id of ids) await control('POST', 'actions', { id, status: 'Pending' });
  });

  async function control(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${base}/_sim/${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
  }

  async function list(path: string): Promise<{ status: number; body: { value?: { id: string }[]; '@odata.nextLink'?: string; error?: { code: string } } }> {
    const response = await fetch(path.startsWith('http') ? path : `${base}${path}`, { headers: { authorization: 'Bearer x' } });
    return { status: response.status, body: (await response.json()) as never };
  }

  const inFilter = `$filter=${encodeURIComponent(`id in (${ids.map((id) => `'${id}'`).join(',')})`)}`;
  const orFilter = `$filter=${encodeURIComponent(ids.map((id) => `id eq '${id}'`).join(' or '))}`;

  it('refuses `in` with a 400 and Defender\'s error body, and answers the `or` chain', async () => {
    expect(await control('POST', 'switches', { refuseIn: true })).toEqual({ status: 200, body: on({ refuseIn: true }) });
    const refused = await list(`/api/machineactions?${inFilter}`);
    expect([refused.status, refused.body.error?.code]).toEqual([400, 'BadRequest']);
    const answered = await list(`/api/machineactions?${orFilter}`);
    expect(answered.body.value?.map((action) => action.id)).toEqual(ids);
  });

  it('pages a list answer with nextLinks on the origin the caller used, until the last page', async () => {
    await control('POST', 'switches', { pageSize: 2 });
    const seen: string[] = [];
    const links: string[] = [];
    let page = await list(`/api/machineactions?${inFilter}`);
    for (;;) {
      seen.push(...(page.body.value ?? []).map((action) => action.id));
      const next = page.body['@odata.nextLink'];
      if (next === undefined) break;
      links.push(next);
      page = await list(next);
    }
    expect(seen).toEqual(ids);
    expect(links.map((link) => new URL(link).searchParams.get('$skip'))).toEqual(['2', '4']);
    // The filter exactly as fetch sent it (quotes as %27), the origin as the caller reached the API.
    expect(links.every((link) => link.startsWith(`${base}/api/machineactions?${inFilter.replace(/'/g, '%27')}&`))).toBe(true);
  });

  it('refuses a long URL with a 414, before it asks for a token', async () => {
    await control('POST', 'switches', { maxUrlLength: 200 });
    const long = await fetch(`${base}/api/machineactions?${inFilter}`);
    expect([long.status, ((await long.json()) as { error: { code: string } }).error.code]).toEqual([414, 'RequestUriTooLong']);
    expect((await list(`/api/machineactions/${ids[0]}`)).status).toBe(200);
  });

  it('a reset turns every switch off', async () => {
    await control('POST', 'switches', { refuseIn: true, pageSize: 1, maxUrlLength: 10, cors: true });
    await control('POST', 'reset', {});
    expect(await control('GET', 'switches')).toEqual({ status: 200, body: SWITCHES_OFF });
  });
});
