import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../http/json.ts';
import { createActionsStore } from './actions-store.ts';
import type { Caller } from './bearer-auth.ts';
import { actionFromControlBody } from './control-actions.ts';
import { requireRole, type UserRoles } from './defender-roles.ts';
import { deviceGroupScopeOf, seesAction, UNGROUPED_DEVICES } from './device-groups.ts';
import { DefenderError } from './errors.ts';
import { buildActionFields, type Device } from './machine-action.ts';

const workstation: Device = { machineId: 'a'.repeat(40), computerDnsName: 'ws-1.contoso.example', deviceGroup: 'Workstations' };
const branchServer: Device = { machineId: 'b'.repeat(40), computerDnsName: 'br-1.contoso.example', deviceGroup: 'Branch Office' };
const nowMs = Date.parse('2026-11-30T12:00:00Z');

function storeWithDevices() {
  const store = createActionsStore();
  store.reset([], [workstation, branchServer]);
  return store;
}

const caller = (kind: Caller['kind'], objectId: string | null): Caller => ({
  kind,
  objectId,
  upn: null,
  appId: 'app',
  tenantId: 'tenant',
  scopes: new Set(),
  roles: new Set(),
});
const roles: UserRoles = (_tenantId, oid) => (oid === 'robin' ? { deviceGroups: ['Branch Office'] } : oid === 'dana' ? {} : undefined);
const scopeOf = (who: Caller) => deviceGroupScopeOf(requireRole(who, roles, 'Contoso'));

describe("a caller's device groups", () => {
  it('are the listed ones for a user whose role is limited to groups, and every one for the others', () => {
    expect(scopeOf(caller('user', 'robin'))).toEqual({ every: false, groups: new Set(['Branch Office']) });
    expect(scopeOf(caller('user', 'dana'))).toEqual({ every: true });
  });

  it('are every one for an app, whatever its object id', () => {
    expect(scopeOf(caller('app', 'robin'))).toEqual({ every: true });
  });

  it("are none for a user without a role in the token's tenant: Defender's 403, naming the tenant", () => {
    expect(() => requireRole(caller('user', 'sam'), roles, 'Tailspin Toys')).toThrow(
      expect.objectContaining({ status: 403, code: 'Forbidden', message: expect.stringContaining('Tailspin Toys') }),
    );
  });

  it("decide which actions are seen, through the action's device; an unknown device is ungrouped", () => {
    const store = storeWithDevices();
    const scope = scopeOf(caller('user', 'robin'));
    const on = (device: Device) => ({ fields: buildActionFields({}, { nowMs, device }), timeline: [], startsOn: 'creation' as const, firstReadAtMs: null });
    expect(seesAction(scope, on(branchServer), store)).toBe(true);
    expect(seesAction(scope, on(workstation), store)).toBe(false);
    const stray = { ...workstation, machineId: 'c'.repeat(40) };
    expect(seesAction(scope, on(stray), store)).toBe(false);
    expect(seesAction({ every: false, groups: new Set([UNGROUPED_DEVICES]) }, on(stray), store)).toBe(true);
  });
});

describe('the device group of a control-API action', () => {
  const deviceOf = (body: JsonObject) => {
    const store = storeWithDevices();
    const action = actionFromControlBody(body, store, { nowMs, device: workstation });
    return store.findDevice(String(action.fields.machineId));
  };

  it("is the default device's without one, and a new device's of the group asked for", () => {
    expect(deviceOf({})).toBe(workstation);
    const created = deviceOf({ deviceGroup: 'Branch Office' });
    expect(created).toMatchObject({ deviceGroup: 'Branch Office', machineId: expect.stringMatching(/^[0-9a-f]{40}$/) });
    expect(created?.machineId).not.toBe(branchServer.machineId);
  });

  it("is a known device's own, or the default group for a device never seen", () => {
    expect(deviceOf({ machineId: branchServer.machineId })).toBe(branchServer);
    expect(deviceOf({ machineId: 'd'.repeat(40) })).toMatchObject({ deviceGroup: 'Workstations' });
    expect(deviceOf({ machineId: 'd'.repeat(40), deviceGroup: 'Branch Office' })).toMatchObject({ deviceGroup: 'Branch Office' });
  });

  it("is refused when it contradicts a known device's, or is not a name", () => {
    expect(() => deviceOf({ machineId: workstation.machineId, deviceGroup: 'Branch Office' })).toThrow(DefenderError);
    expect(() => deviceOf({ deviceGroup: '' })).toThrow(/'deviceGroup' must be a non-empty string/);
    expect(() => deviceOf({ deviceGroup: 7 })).toThrow(DefenderError);
  });

  it('is not written into the entity: Defender has no such field on a machine action', () => {
    const action = actionFromControlBody({ deviceGroup: 'Branch Office' }, storeWithDevices(), { nowMs, device: workstation });
    expect(action.fields).not.toHaveProperty('deviceGroup');
  });
});
