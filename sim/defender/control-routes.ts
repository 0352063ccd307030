import { ODATA_ENTITY_CONTEXT } from '../constants.ts';
import { isJsonObject, type JsonValue } from '../http/json.ts';
import type { Route } from '../http/router.ts';
import { actionFromControlBody } from './control-actions.ts';
import { DefenderError } from './errors.ts';
import { faultJson, parseFault } from './faults.ts';
import { viewAction } from './machine-action.ts';
import type { Simulation } from './simulation.ts';
import { parseSwitches, switchesJson } from './switches.ts';

export interface ControlRequest {
  readonly json: () => Promise<JsonValue | undefined>;
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
  const action = actionFromControlBody(await request.json(), simulation.store, {
    nowMs: now,
    device: simulation.defaultDevice,
  });
  simulation.store.save(action);
  return { status: 201, body: { '@odata.context': ODATA_ENTITY_CONTEXT, ...viewAction(action, now) } };
}

async function addFault(request: ControlRequest, simulation: Simulation): Promise<ControlResponse> {
  const fault = parseFault(await request.json());
  simulation.faults.add(fault);
  return { status: 201, body: faultJson(fault) };
}

async function setSwitches(request: ControlRequest, simulation: Simulation): Promise<ControlResponse> {
  const switches = parseSwitches(await request.json(), simulation.switches.current());
  simulation.switches.set(switches);
  return { status: 200, body: switchesJson(switches) };
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
    handler: (_request, simulation) => ({ status: 200, body: simulation.faults.list().map(faultJson) }),
  },
  { method: 'POST', pattern: /^\/_sim\/faults$/, handler: addFault },
  {
    method: 'GET',
    pattern: /^\/_sim\/switches$/,
    handler: (_request, simulation) => ({ status: 200, body: switchesJson(simulation.switches.current()) }),
  },
  { method: 'POST', pattern: /^\/_sim\/switches$/, handler: setSwitches },
  {
    method: 'DELETE',
    pattern: /^\/_sim\/faults$/,
    handler: (_request, simulation) => {
      simulation.faults.clear();
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
    handler: (_request, simulation) => ({
      status: 200,
      body: simulation.requestLog.entries().map((entry) => ({ ...entry })),
    }),
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
