import { decodeJwt } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFENDER_RESOURCE,
  DEVICE_GROUPS,
  nodeUrl,
  RELAY_CLIENT_ID,
  RELAY_CLIENT_SECRET,
  RELAY_SERVICE_PRINCIPAL_ID,
  TENANT_ID,
} from './constants.ts';
import { branchOfficeActions, seededActions, seededMachines } from './seed.ts';
import { startSimulator, type RunningSimulator } from './server.ts';
import { relayAppToken, requestRelayAppToken } from './testing/relay-app-token.ts';
import { signInWithPkce } from './testing/sign-in-with-pkce.ts';
import { simulatorClient, type SimulatorClient } from './testing/simulator-client.ts';

// The relay's app token and Defender's device groups, end to end: the real provider issues the tokens,
// the emulation answers them.

let simulator: RunningSimulator;
let api: string;
let control: SimulatorClient;
let relayToken: string;
let robinToken: string;
let danaToken: string;

const outsideBranch = seededActions.pendingIsolation;

function get(path: string, token: string): Promise<Response> {
  return fetch(`${api}${path}`, { headers: { authorization: `Bearer ${token}` } });
}

async function idsListed(filter: string, token: string): Promise<string[]> {
  const response = await get(`/api/machineactions?$filter=${encodeURIComponent(filter)}`, token);
  expect(response.status).toBe(200);
  return ((await response.json()) as { value: { id: string }[] }).value.map((action) => action.id);
}

const idIn = (ids: readonly string[]) => `id in (${ids.map((id) => `'${id}'`).join(',')})`;

beforeAll(async () => {
  simulator = await startSimulator({ identityPort: 0, apiPort: 0, quiet: true });
  const apiPort = Number(new URL(simulator.apiUrl).port);
  api = nodeUrl(apiPort);
  control = simulatorClient(apiPort);
  relayToken = await relayAppToken(simulator.identityUrl);
  robinToken = (await signInWithPkce({ identityUrl: simulator.identityUrl, login: 'branch' })).access_token;
  danaToken = (await signInWithPkce({ identityUrl: simulator.identityUrl, login: 'analyst' })).access_token;
});

afterAll(async () => {
  await simulator?.close();
});

beforeEach(async () => {
  await control.reset();
});

describe("the relay's client credentials", () => {
  it('give an app token: roles, the service principal, the Defender audience, and no scp', async () => {
    const claims = decodeJwt(relayToken);
    expect(claims).toMatchObject({
      iss: simulator.identityUrl,
      aud: DEFENDER_RESOURCE,
      roles: ['Machine.Read.All'],
      appid: RELAY_CLIENT_ID,
      azp: RELAY_CLIENT_ID,
      tid: TENANT_ID,
      oid: RELAY_SERVICE_PRINCIPAL_ID,
      sub: RELAY_SERVICE_PRINCIPAL_ID,
      idtyp: 'app',
    });
    expect(claims).not.toHaveProperty('scp');
    expect(claims).not.toHaveProperty('scope');
  });

  it('are refused for a single permission instead of .default, as Entra refuses them', async () => {
    await expect(requestRelayAppToken(simulator.identityUrl, `${DEFENDER_RESOURCE}/Machine.Read`)).rejects.toThrow(
      /400.*invalid_scope.*\/\.default/,
    );
  });

  it('are refused with a wrong secret', async () => {
    const response = await fetch(new URL('/token', nodeUrl(Number(new URL(simulator.identityUrl).port))), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: RELAY_CLIENT_ID,
        client_secret: `${RELAY_CLIENT_SECRET}-wrong`,
        scope: `${DEFENDER_RESOURCE}/.default`,
      }).toString(),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'invalid_client' });
  });
});

describe('the Defender API with the app token', () => {
  it('reads one action, in any device group', async () => {
    for (const id of [outsideBranch, seededActions.branchOfficeScan]) {
      const response = await get(`/api/machineactions/${id}`, relayToken);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ id });
    }
  });

  it('lists actions, in every device group', async () => {
    const ids = [outsideBranch, seededActions.branchOfficeScan, seededActions.investigationPackage];
    expect((await idsListed(idIn(ids), relayToken)).sort()).toEqual([...ids].sort());
  });

  it('logs the relay as the caller', async () => {
    await get(`/api/machineactions/${outsideBranch}`, relayToken);
    expect((await control.requests()).map((request) => request.user)).toEqual([RELAY_CLIENT_ID]);
  });

  it('may not isolate: Machine.Read.All is all it was granted, and the 403 names both forms', async () => {
    const response = await fetch(`${api}/api/machines/${seededMachines.hrLaptop.machineId}/isolate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${relayToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ Comment: 'relay must not do this' }),
    });
    expect(response.status).toBe(403);
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('Forbidden');
    expect(error.message).toMatch(/delegated permission Machine\.Isolate \(scp\)/);
    expect(error.message).toMatch(/application permission Machine\.Isolate \(roles\)/);
    expect(error.message).toContain('its roles claim has: Machine.Read.All');
  });
});

describe('device groups', () => {
  it('let Robin Branch read the Branch Office actions', async () => {
    for (const id of branchOfficeActions) {
      const response = await get(`/api/machineactions/${id}`, robinToken);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ id });
    }
    const scan = await (await get(`/api/machineactions/${seededActions.branchOfficeScan}`, robinToken)).json();
    expect(scan).toMatchObject({ status: 'InProgress', machineId: seededMachines.branchWorkstation.machineId });
  });

  it('answer 404 ResourceNotFound for an action outside her groups, as if it did not exist', async () => {
    const response = await get(`/api/machineactions/${outsideBranch}`, robinToken);
    expect(response.status).toBe(404);
    const { error } = (await response.json()) as { error: { code: string; message: string; target: string } };
    expect(error.code).toBe('ResourceNotFound');
    expect(error.message).toBe(`Machine action ${outsideBranch} was not found.`);
    expect(error.target).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('leave actions outside her groups out of her lists', async () => {
    const ids = [outsideBranch, seededActions.branchOfficeScan, seededActions.buildServerScan];
    expect(await idsListed(idIn(ids), robinToken)).toEqual([seededActions.branchOfficeScan]);
    expect((await idsListed("status eq 'Succeeded'", robinToken)).sort()).toEqual([seededActions.branchOfficeIsolation]);
  });

  it('keep every other seeded action outside Branch Office', async () => {
    const others = Object.values(seededActions).filter((id) => !branchOfficeActions.includes(id));
    expect(await idsListed(idIn(others), robinToken)).toEqual([]);
    expect((await idsListed(idIn(others), danaToken)).sort()).toEqual([...others].sort());
  });

  it('let the other demo users see everything', async () => {
    const ids = [outsideBranch, ...branchOfficeActions];
    expect((await idsListed(idIn(ids), danaToken)).sort()).toEqual([...ids].sort());
    expect((await get(`/api/machineactions/${seededActions.branchOfficeIsolation}`, danaToken)).status).toBe(200);
    const guest = (await signInWithPkce({ identityUrl: simulator.identityUrl, login: 'guest' })).access_token;
    expect((await get(`/api/machineactions/${seededActions.branchOfficeScan}`, guest)).status).toBe(200);
  });

  it('place actions created through the control API in the group asked for, outside Branch Office by default', async () => {
    const inBranch = await control.createAction({ deviceGroup: DEVICE_GROUPS.branchOffice, status: 'Pending' });
    const byDefault = await control.createAction({ status: 'Pending' });
    const onBranchDevice = await control.createAction({ machineId: seededMachines.branchFileServer.machineId });
    expect((await get(`/api/machineactions/${inBranch.id}`, robinToken)).status).toBe(200);
    expect((await get(`/api/machineactions/${onBranchDevice.id}`, robinToken)).status).toBe(200);
    expect((await get(`/api/machineactions/${byDefault.id}`, robinToken)).status).toBe(404);
    expect((await get(`/api/machineactions/${inBranch.id}`, danaToken)).status).toBe(200);
    await expect(
      control.createAction({ machineId: seededMachines.buildServer.machineId, deviceGroup: DEVICE_GROUPS.branchOffice }),
    ).rejects.toThrow(/400.*device group 'Servers'/);
  });
});
