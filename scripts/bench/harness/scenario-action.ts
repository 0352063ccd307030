import type { NewActionRequest } from '../../../sim/testing/simulator-client.ts';

/** An action a benchmark creates in the simulator: Pending, InProgress half-way to its end, then final. */
export interface ScenarioAction {
  id: string;
  type: string;
  finalStatus: 'Succeeded' | 'Failed' | 'TimeOut' | 'Cancelled';
  /** After creation. */
  finishesAfterMs: number;
}

/** The simulator's control-API body that creates the action with its timeline. */
export function simulatorBody(action: ScenarioAction): NewActionRequest {
  return {
    id: action.id,
    type: action.type,
    status: 'Pending',
    requestorComment: 'Benchmark: incident INC-4242',
    machineId: `bench${action.id.slice(-6)}`,
    timeline: [
      { status: 'InProgress', afterMs: Math.round(action.finishesAfterMs / 2) },
      { status: action.finalStatus, afterMs: action.finishesAfterMs },
    ],
    startsOn: 'creation',
  };
}

/** The control-API body of an action that plays durations drawn from its kind's history (seeded by its ID). */
export function historyActionBody(action: { id: string; type: string; scope: string | null }, comment: string, machinePrefix: string): NewActionRequest {
  return {
    id: action.id,
    type: action.type,
    ...(action.scope === null ? {} : { scope: action.scope }),
    status: 'Pending',
    durations: 'history',
    requestorComment: comment,
    machineId: `${machinePrefix}${action.id.slice(-6)}`,
  };
}
