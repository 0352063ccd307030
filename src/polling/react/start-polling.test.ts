import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DefenderSetup } from '../../api/defender-context';
import type { Guid } from '../../../core/lib/guid';
import type { ActionWatch } from '../../../core/polling/watch/watch-state';
import { fakeDefender } from '../../../core/testing/fake-defender';
import { customerSettings } from '../../testing/render';
import { readActionTenants } from '../tenants/action-tenants';
import { startPolling, type Polling } from './start-polling';

// Two customers' Defenders, each a fake of its own: a call reaches the one whose token it carries.
const settings = customerSettings([
  { id: 'fabrikam.onmicrosoft.com', name: 'Fabrikam' },
  { id: 'northwind.onmicrosoft.com', name: 'Northwind Traders' },
]);
const [fabrikam, northwind] = settings.tenants;
const fabrikamId = '55555555-5555-4555-8555-000000000001' as Guid;
const northwindId = '33333333-3333-4333-8333-000000000001' as Guid;

function twoTenants() {
  const fakes = new Map([
    [`Bearer token-${fabrikam.id}`, fakeDefender()],
    [`Bearer token-${northwind.id}`, fakeDefender()],
  ]);
  const fetch: typeof globalThis.fetch = (input, init) => fakes.get(new Headers(init?.headers).get('Authorization') ?? '')!.fetch(input, init);
  const setup: DefenderSetup = { tenants: settings.tenants, getAccessToken: async (tenant) => `token-${tenant.id}`, fetch };
  const shown = new Map<Guid, ActionWatch>();
  const pauses = vi.fn();
  const options = {
    tenants: settings.tenants,
    defenders: setup,
    homeAuthority: settings.authority,
    quota: settings.quota,
    onCheck: (id: Guid, watch: ActionWatch) => shown.set(id, watch),
    onPause: pauses,
    onSchedule: () => {},
    onTenantProblem: () => {},
    localIds: () => [fabrikamId, northwindId],
  };
  return { fabrikamFake: fakes.get(`Bearer token-${fabrikam.id}`)!, northwindFake: fakes.get(`Bearer token-${northwind.id}`)!, options, shown, pauses };
}

let polling: Polling | undefined;
afterEach(() => {
  polling?.stop();
  localStorage.clear();
});

describe("one poller part per tenant, each with the tenant's own token, budget and pause", () => {
  it('looks each action up in both tenants, keeps it where it was found, and reads it there only from then on', async () => {
    const { fabrikamFake, northwindFake, options, shown } = twoTenants();
    fabrikamFake.setAction(fabrikamId, { status: 'InProgress' });
    northwindFake.setAction(northwindId, { status: 'Pending' });
    polling = startPolling(options);
    await vi.waitFor(() => expect(shown.get(fabrikamId)?.action?.status).toBe('InProgress'));
    await vi.waitFor(() => expect(shown.get(northwindId)?.action?.status).toBe('Pending'));
    expect(readActionTenants()).toEqual(new Map([[fabrikamId, fabrikam.id], [northwindId, northwind.id]]));
    // Each fake saw its own tenant's token only, and the lookup asked both IDs in both tenants.
    expect(new Set(fabrikamFake.calls.map((call) => call.authorization))).toEqual(new Set([`Bearer token-${fabrikam.id}`]));
    expect(new Set(fabrikamFake.calls.flatMap((call) => call.ids))).toEqual(new Set([fabrikamId, northwindId]));
    fabrikamFake.calls.length = 0;
    northwindFake.calls.length = 0;
    polling.recheck(northwindId);
    await vi.waitFor(() => expect(northwindFake.calls.some((call) => call.ids.includes(northwindId))).toBe(true));
    expect(fabrikamFake.calls.some((call) => call.ids.includes(northwindId))).toBe(false);
  });

  it("pauses the tenant a 429 came from, and that tenant only", async () => {
    const { fabrikamFake, northwindFake, options, pauses } = twoTenants();
    fabrikamFake.setAction(fabrikamId, { status: 'InProgress' });
    northwindFake.setAction(northwindId, { status: 'InProgress' });
    fabrikamFake.failNext(429, { headers: { 'Retry-After': '30' } });
    polling = startPolling(options);
    await vi.waitFor(() => expect(pauses).toHaveBeenCalledWith(fabrikam.id, expect.any(Number)));
    expect(pauses.mock.calls.filter(([tenant, until]) => tenant === northwind.id && until !== undefined)).toEqual([]);
  });
});
