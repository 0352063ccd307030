import { createClock, type SimClock } from '../clock.ts';
import { createActionsStore, type ActionsStore } from './actions-store.ts';
import { createFaultQueue, type FaultQueue } from './faults.ts';
import type { Device, StoredAction } from './machine-action.ts';
import { createRateLimiter, type RateLimiter } from './rate-limit.ts';
import { createRequestLog, type RequestLog } from './request-log.ts';
import type { SignInSwitchBoard } from './sign-in-switches.ts';
import { createSwitchBoard, SWITCHES_OFF, type SwitchBoard } from './switches.ts';

/** The state a reset goes back to; the composition passes it in (sim/seed.ts), so defender/ never imports it. */
export interface SimulationSeed {
  /** The seeded actions, timed relative to `nowMs` (the simulated time of the reset). */
  readonly actions: (nowMs: number) => StoredAction[];
  readonly devices: readonly Device[];
  /** Where an action created through the control API runs when its body names no machine. */
  readonly defaultDevice: Device;
}

/** A tenant's Defender and what it is seeded with. */
export interface TenantSeed extends SimulationSeed {
  readonly tenantId: string;
  /** As Defender's messages name the tenant. */
  readonly tenantName: string;
}

/** One tenant's Defender: its own actions, injected faults, quota and switches. */
export interface TenantDefender {
  readonly tenantId: string;
  readonly tenantName: string;
  readonly store: ActionsStore;
  readonly faults: FaultQueue;
  /** Defender's quota counts per app and tenant: each tenant keeps its own. */
  readonly rateLimiter: RateLimiter;
  /** How list calls are answered: `in` refused, answers paged, long URLs refused (switches.ts). */
  readonly switches: SwitchBoard;
  readonly defaultDevice: Device;
}

/** Defender's one host, which every tenant's token reaches: each tenant's Defender, one clock, one request log. */
export interface Simulation {
  readonly clock: SimClock;
  readonly requestLog: RequestLog;
  readonly home: TenantDefender;
  /** The tenant's Defender, by tenant id (any case); undefined for a tenant the host does not have. */
  tenant(tenantId: string): TenantDefender | undefined;
  tenants(): readonly TenantDefender[];
  /** The sign-in's switches (MFA demanded), which the identity provider keeps; absent without one. */
  readonly signIn: SignInSwitchBoard | undefined;
  /** Back to the seeded state in every tenant: clock offset 0, no faults, empty log, fresh quotas, every switch off. */
  reset(): void;
}

export interface SimulationOptions {
  readonly home: TenantSeed;
  readonly customers?: readonly TenantSeed[];
  readonly signIn?: SignInSwitchBoard;
}

function tenantDefender(seed: TenantSeed): TenantDefender {
  return {
    tenantId: seed.tenantId.toLowerCase(),
    tenantName: seed.tenantName,
    store: createActionsStore(),
    faults: createFaultQueue(),
    rateLimiter: createRateLimiter(),
    switches: createSwitchBoard(),
    defaultDevice: seed.defaultDevice,
  };
}

export function createSimulation(options: SimulationOptions): Simulation {
  const seeds = [options.home, ...(options.customers ?? [])];
  const defenders = seeds.map((seed) => ({ seed, defender: tenantDefender(seed) }));
  const byId = new Map(defenders.map(({ defender }) => [defender.tenantId, defender]));
  const home = byId.get(options.home.tenantId.toLowerCase());
  if (home === undefined) throw new Error('The home tenant has no Defender.');
  const simulation: Simulation = {
    clock: createClock(),
    requestLog: createRequestLog(),
    home,
    tenant: (tenantId) => byId.get(tenantId.toLowerCase()),
    tenants: () => [...byId.values()],
    signIn: options.signIn,
    reset() {
      simulation.clock.reset();
      simulation.requestLog.clear();
      for (const { seed, defender } of defenders) {
        defender.store.reset(seed.actions(simulation.clock.now()), seed.devices);
        defender.faults.clear();
        defender.rateLimiter.reset();
        defender.switches.set(SWITCHES_OFF);
      }
      simulation.signIn?.reset();
    },
  };
  simulation.reset();
  return simulation;
}
