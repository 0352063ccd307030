import { ODATA_ENTITY_CONTEXT } from '../constants.ts';
import { isJsonObject, type JsonValue } from '../http/json.ts';
import type { Route } from '../http/router.ts';
import { actionFromControlBody } from './control-actions.ts';
import { DefenderError } from './errors.ts';
import { faultJson, parseFault } from './faults.ts';
import { viewAction } from './machine-action.ts';
import { parseSignInSwitches, type SignInSwitchBoard } from './sign-in-switches.ts';
import type { Simulation, TenantDefender } from './simulation.ts';
import { parseSwitches, switchesJson } from './switches.ts';

export interface ControlRequest {
  readonly json: () => Promise<JsonValue | undefined>;
  /** The tenant whose scene is set: `?tenant=<id>`, or the home tenant. */
  readonly tenant: TenantDefender;
  readonly query: URLSearchParams;
}

export interface ControlResponse {
  readonly status: number;
  /** Omitted for 204. */
  readonly body?: JsonValue;
}

export type ControlHandler = (
  request: ControlRequest,
  simulation: Simulation,
) => Promise<ControlResponse> | ControlResponse;

/** What GET and POST /_sim/clock answer; `now` is simulated time, ISO 8601. */
export type ClockReading = { readonly now: string; readonly offsetMs: number };

function clockJson(simulation: Simulation): ClockReading {
  return { now: new Date(simulation.clock.now()).toISOString(), offsetMs: simulation.clock.offsetMs() };
}

async function advanceClock(request: ControlRequest, simulation: Simulation): Promise<ControlResponse> {
  const body = await request.json();
  const advanceMs = isJsonObject(body) ? body.advanceMs : undefined;
  if (typeof advanceMs !== 'number' || !Number.isFinite(advanceMs) || advanceMs < 0) {
    throw new DefenderError(
      400,
      'InvalidRequestBody',
      'Expected { "advanceMs": number >= 0 }: the clock only moves forward.',
    );
  }
  simulation.clock.advance(advanceMs);
  return { status: 200, body: clockJson(simulation) };
}

async function createAction(request: ControlRequest, simulation: Simulation): Promise<ControlResponse> {
  const now = simulation.clock.now();
  const { store, defaultDevice } = request.tenant;
  const action = actionFromControlBody(await request.json(), store, { nowMs: now, device: defaultDevice });
  store.save(action);
  return { status: 201, body: { '@odata.context': ODATA_ENTITY_CONTEXT, ...viewAction(action, now) } };
}

async function addFault(request: ControlRequest): Promise<ControlResponse> {
  const fault = parseFault(await request.json());
  request.tenant.faults.add(fault);
  return { status: 201, body: faultJson(fault) };
}

async function setSwitches(request: ControlRequest, simulation: Simulation): Promise<ControlResponse> {
  const switches = parseSwitches(await request.json(), request.tenant.switches.current());
  request.tenant.switches.set(switches);
  // CORS is the host's, which every tenant shares: whichever tenant it is set through, it holds for all.
  for (const tenant of simulation.tenants()) tenant.switches.set({ ...tenant.switches.current(), cors: switches.cors });
  return { status: 200, body: switchesJson(switches) };
}

function signInBoard(simulation: Simulation): SignInSwitchBoard {
  if (simulation.signIn === undefined) throw new DefenderError(404, 'ResourceNotFound', 'This simulation has no identity provider.');
  return simulation.signIn;
}

async function setSignInSwitches(request: ControlRequest, simulation: Simulation): Promise<ControlResponse> {
  const board = signInBoard(simulation);
  board.set(request.tenant.tenantId, parseSignInSwitches(await request.json()));
  return { status: 200, body: { ...board.current(request.tenant.tenantId) } };
}

/** The request log, or with `?tenant=` only what that tenant's Defender answered. */
function loggedRequests(request: ControlRequest, simulation: Simulation): ControlResponse {
  const entries = simulation.requestLog.entries();
  const asked = request.query.has('tenant') ? entries.filter((entry) => entry.tenantId === request.tenant.tenantId) : entries;
  return { status: 200, body: asked.map((entry) => ({ ...entry })) };
}

/** The control API: no auth, JSON, for tests and demos. Never part of the real Defender surface. */
export const controlRoutes: readonly Route<ControlHandler>[] = [
  { method: 'GET', pattern: /^\/_sim\/health$/, handler: () => ({ status: 200, body: { ok: true } }) },
  {
    method: 'POST',
    pattern: /^\/_sim\/reset$/,
    handler: (_request, simulation) => {
      simulation.reset();
      return { status: 200, body: { ok: true } };
    },
  },
  { method: 'POST', pattern: /^\/_sim\/actions$/, handler: createAction },
  {
    method: 'GET',
    pattern: /^\/_sim\/faults$/,
    handler: (request) => ({ status: 200, body: request.tenant.faults.list().map(faultJson) }),
  },
  { method: 'POST', pattern: /^\/_sim\/faults$/, handler: addFault },
  {
    method: 'GET',
    pattern: /^\/_sim\/switches$/,
    handler: (request) => ({ status: 200, body: switchesJson(request.tenant.switches.current()) }),
  },
  { method: 'POST', pattern: /^\/_sim\/switches$/, handler: setSwitches },
  {
    method: 'GET',
    pattern: /^\/_sim\/sign-in$/,
    handler: (request, simulation) => ({ status: 200, body: { ...signInBoard(simulation).current(request.tenant.tenantId) } }),
  },
  { method: 'POST', pattern: /^\/_sim\/sign-in$/, handler: setSignInSwitches },
  {
    method: 'DELETE',
    pattern: /^\/_sim\/faults$/,
    handler: (request) => {
      request.tenant.faults.clear();
      return { status: 204 };
    },
  },
  {
    method: 'GET',
    pattern: /^\/_sim\/clock$/,
    handler: (_request, simulation) => ({ status: 200, body: clockJson(simulation) }),
  },
  { method: 'POST', pattern: /^\/_sim\/clock$/, handler: advanceClock },
  {
    method: 'GET',
    pattern: /^\/_sim\/requests$/,
    handler: loggedRequests,
  },
  {
    method: 'DELETE',
    pattern: /^\/_sim\/requests$/,
    handler: (_request, simulation) => {
      simulation.requestLog.clear();
      return { status: 204 };
    },
  },
];
