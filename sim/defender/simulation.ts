import { createClock, type SimClock } from '../clock.ts';
import { seedActions, seedDevices } from '../seed.ts';
import { createActionsStore, type ActionsStore } from './actions-store.ts';
import { createFaultQueue, type FaultQueue } from './faults.ts';
import { createRateLimiter, type RateLimiter } from './rate-limit.ts';
import { createRequestLog, type RequestLog } from './request-log.ts';

/** Everything the API and the control API share. */
export interface Simulation {
  readonly clock: SimClock;
  readonly store: ActionsStore;
  readonly faults: FaultQueue;
  readonly requestLog: RequestLog;
  readonly rateLimiter: RateLimiter;
  /** Back to the seeded state: clock offset 0, no faults, empty log, fresh quota. */
  reset(): void;
}

export function createSimulation(): Simulation {
  const simulation: Simulation = {
    clock: createClock(),
    store: createActionsStore(),
    faults: createFaultQueue(),
    requestLog: createRequestLog(),
    rateLimiter: createRateLimiter(),
    reset() {
      simulation.clock.reset();
      simulation.store.reset(seedActions(simulation.clock.now()), seedDevices());
      simulation.faults.clear();
      simulation.requestLog.clear();
      simulation.rateLimiter.reset();
    },
  };
  simulation.reset();
  return simulation;
}
