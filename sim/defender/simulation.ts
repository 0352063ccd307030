import { createClock, type SimClock } from '../clock.ts';
import { createActionsStore, type ActionsStore } from './actions-store.ts';
import { createFaultQueue, type FaultQueue } from './faults.ts';
import type { Device, StoredAction } from './machine-action.ts';
import { createRateLimiter, type RateLimiter } from './rate-limit.ts';
import { createRequestLog, type RequestLog } from './request-log.ts';
import { createSwitchBoard, SWITCHES_OFF, type SwitchBoard } from './switches.ts';

/** The state a reset goes back to; the composition passes it in (sim/seed.ts), so defender/ never imports it. */
export interface SimulationSeed {
  /** The seeded actions, timed relative to `nowMs` (the simulated time of the reset). */
  readonly actions: (nowMs: number) => StoredAction[];
  readonly devices: readonly Device[];
  /** Where an action created through the control API runs when its body names no machine. */
  readonly defaultDevice: Device;
}

/** Everything the API and the control API share. */
export interface Simulation {
  readonly clock: SimClock;
  readonly store: ActionsStore;
  readonly faults: FaultQueue;
  readonly requestLog: RequestLog;
  readonly rateLimiter: RateLimiter;
  /** How list calls are answered: `in` refused, answers paged, long URLs refused (switches.ts). */
  readonly switches: SwitchBoard;
  readonly defaultDevice: Device;
  /** Back to the seeded state: clock offset 0, no faults, empty log, fresh quota, every switch off. */
  reset(): void;
}

export function createSimulation(seed: SimulationSeed): Simulation {
  const simulation: Simulation = {
    clock: createClock(),
    store: createActionsStore(),
    faults: createFaultQueue(),
    requestLog: createRequestLog(),
    rateLimiter: createRateLimiter(),
    switches: createSwitchBoard(),
    defaultDevice: seed.defaultDevice,
    reset() {
      simulation.clock.reset();
      simulation.store.reset(seed.actions(simulation.clock.now()), seed.devices);
      simulation.faults.clear();
      simulation.requestLog.clear();
      simulation.rateLimiter.reset();
      simulation.switches.set(SWITCHES_OFF);
    },
  };
  simulation.reset();
  return simulation;
}
