import { nodeUrl } from '../constants.ts';
import type { NewActionRequest } from '../defender/control-actions.ts';
import type { ClockReading } from '../defender/control-routes.ts';
import type { FaultRequest } from '../defender/faults.ts';
import type { LoggedRequest } from '../defender/request-log.ts';
import type { SignInSwitches } from '../defender/sign-in-switches.ts';
import type { Switches } from '../defender/switches.ts';
import { readsAction } from './logged-reads.ts';

// The control API's own types, so that tests and benchmarks need import nothing from sim/ but sim/testing.
export type { ClockReading, FaultRequest, LoggedRequest, NewActionRequest, SignInSwitches, Switches };

/** An action as the control API answers its creation: the entity Defender would return. */
export interface SimulatedAction {
  readonly id: string;
  readonly status: string;
  readonly creationDateTimeUtc: string;
  readonly [field: string]: unknown;
}

/**
 * The simulator's control API (/_sim, see sim/README.md), as tests and benchmarks set the scene with it: in
 * the home tenant's Defender, or in the tenant the client was made for.
 */
export interface SimulatorClient {
  /** Back to the seeded actions in every tenant, with no faults, an empty log, fresh quotas and the clock at real time. */
  reset(): Promise<void>;
  createAction(action: NewActionRequest): Promise<SimulatedAction>;
  injectFault(fault: FaultRequest): Promise<void>;
  clearFaults(): Promise<void>;
  /** Moves the simulated clock forward (never back). */
  advanceClock(advanceMs: number): Promise<ClockReading>;
  clock(): Promise<ClockReading>;
  /** The log of /api requests, oldest first: every tenant's, or only this client's tenant's when it names one. */
  requests(): Promise<LoggedRequest[]>;
  clearRequests(): Promise<void>;
  /** How many logged requests read this action: by itself, or in a list call whose filter names it. */
  readsOf(id: string): Promise<number>;
  /** From now on (until a reset), a list call whose filter uses `in` gets a 400, as from an API without `in`. */
  refuseInFilters(): Promise<Switches>;
  /** From now on, list answers without `$top` give at most `size` actions and an `@odata.nextLink` for the rest. */
  pageListsBy(size: number): Promise<Switches>;
  /** From now on, an /api request whose path and query are longer than `length` gets a 414. */
  refuseUrlsLongerThan(length: number): Promise<Switches>;
  /** From now on (until a reset), the Defender API answers CORS as if the real one allowed browsers' direct calls. */
  allowCrossOriginCalls(): Promise<Switches>;
  /** The switches in force; a reset turns them all off. */
  switches(): Promise<Switches>;
  /**
   * From now on (until a reset or `waiveMfa`), the tenant demands MFA of each account until it approves a
   * sign-in there interactively: refresh tokens get `invalid_grant` (AADSTS50076, `suberror: basic_action`),
   * silent sign-ins `interaction_required`, and the sign-in page asks to "Approve sign-in". Called again, it
   * demands it anew, of an account that approved before too.
   */
  requireMfa(): Promise<SignInSwitches>;
  /** The tenant stops demanding MFA. */
  waiveMfa(): Promise<SignInSwitches>;
  /**
   * From now on (until a reset or `consentToRelay`), the tenant has no service principal for the relay's app:
   * its client credentials get 400 `unauthorized_client` (AADSTS700016) there, and a relay started then does not serve it.
   */
  withdrawRelayConsent(): Promise<SignInSwitches>;
  /** An admin of the tenant consents to the relay's app: its client credentials get a token there. */
  consentToRelay(): Promise<SignInSwitches>;
  /** The tenant's sign-in switches; a reset turns them off. */
  signInSwitches(): Promise<SignInSwitches>;
}

export interface SimulatorClientOptions {
  /**
   * The tenant (its id, SIM_TENANTS in sim/constants.ts) whose Defender the calls set the scene in: its
   * actions, faults, switches, log and sign-in. The home tenant's without one. Reset and the clock are
   * every tenant's.
   */
  readonly tenant?: string;
}

/** A client of the simulator whose Defender API listens on `apiPort`. A refused call throws, naming it. */
export function simulatorClient(apiPort: number, options: SimulatorClientOptions = {}): SimulatorClient {
  const controlUrl = `${nodeUrl(apiPort)}/_sim`;
  const tenantQuery = options.tenant === undefined ? '' : `?${new URLSearchParams({ tenant: options.tenant }).toString()}`;
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${controlUrl}${path}${tenantQuery}`, {
      method,
      headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} /_sim${path} answered ${response.status}: ${text}`);
    return (text === '' ? undefined : JSON.parse(text)) as T;
  };
  const requests = () => call<LoggedRequest[]>('GET', '/requests');
  return {
    reset: () => call('POST', '/reset'),
    createAction: (action) => call('POST', '/actions', action),
    injectFault: (fault) => call('POST', '/faults', fault),
    clearFaults: () => call('DELETE', '/faults'),
    advanceClock: (advanceMs) => call('POST', '/clock', { advanceMs }),
    clock: () => call('GET', '/clock'),
    requests,
    clearRequests: () => call('DELETE', '/requests'),
    readsOf: async (id) => (await requests()).filter((request) => readsAction(request, id)).length,
    refuseInFilters: () => call('POST', '/switches', { refuseIn: true }),
    pageListsBy: (size) => call('POST', '/switches', { pageSize: size }),
    refuseUrlsLongerThan: (length) => call('POST', '/switches', { maxUrlLength: length }),
    allowCrossOriginCalls: () => call('POST', '/switches', { cors: true }),
    switches: () => call('GET', '/switches'),
    requireMfa: () => call('POST', '/sign-in', { requireMfa: true }),
    waiveMfa: () => call('POST', '/sign-in', { requireMfa: false }),
    withdrawRelayConsent: () => call('POST', '/sign-in', { relayConsented: false }),
    consentToRelay: () => call('POST', '/sign-in', { relayConsented: true }),
    signInSwitches: () => call('GET', '/sign-in'),
  };
}
