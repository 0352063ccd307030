import * as v from 'valibot';
import type { JsonValue } from '../http/json.ts';
import { DefenderError } from './errors.ts';

/** A tenant's sign-in rules for the test, as the identity provider plays them. */
export interface SignInSwitches {
  /**
   * The tenant demands multi-factor authentication (a Conditional Access policy): each account's refresh
   * token gets `invalid_grant` with AADSTS50076 there, and a silent sign-in `interaction_required`, until it
   * approves a sign-in at that tenant interactively.
   */
  readonly requireMfa: boolean;
  /**
   * An admin of the tenant consented to the relay's multitenant app (by default the home tenant, Fabrikam and
   * Northwind): its client credentials get a token there; without, 400 `unauthorized_client` (AADSTS700016).
   */
  readonly relayConsented: boolean;
}

/** The body of POST /_sim/sign-in: the switches to change. */
export type SignInSwitchesRequest = Partial<SignInSwitches>;

/**
 * The identity provider keeps these (Defender never sees a sign-in); the composition hands them to the
 * control API, which serves all of the simulator's switches in one place.
 */
export interface SignInSwitchBoard {
  current(tenantId: string): SignInSwitches;
  /**
   * Changes what the request names: `requireMfa: true` starts a new demand (even of an account that approved
   * an earlier one), `false` ends it.
   */
  set(tenantId: string, request: SignInSwitchesRequest): void;
  reset(): void;
}

const requestSchema = v.strictObject({ requireMfa: v.optional(v.boolean()), relayConsented: v.optional(v.boolean()) });

/** A POST /_sim/sign-in body, checked. */
export function parseSignInSwitches(body: JsonValue | undefined): SignInSwitchesRequest {
  const parsed = v.safeParse(requestSchema, body);
  if (!parsed.success) {
    throw new DefenderError(400, 'InvalidRequestBody', `Expected { "requireMfa"?: boolean, "relayConsented"?: boolean }: ${v.summarize(parsed.issues)}`);
  }
  return parsed.output;
}
