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
