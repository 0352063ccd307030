/**
 * What went wrong with a Defender call, in the terms the analyst acts on. The HTTP layer produces these;
 * features decide how to show them.
 */
export type DefenderProblem =
  /** `searched`: with several tenants, where the ID was asked for and what each tenant answered. */
  | { kind: 'not-found'; code?: string; message?: string; target?: string; searched?: TenantSearch }
  /** The API refused the token even after one silent renewal, or MSAL needs the user to sign in. */
  | { kind: 'sign-in-required'; message?: string; target?: string }
  | { kind: 'forbidden'; code?: string; message?: string; target?: string }
  | { kind: 'throttled'; retryAfterMs?: number; message?: string; target?: string }
  | { kind: 'server'; status: number; code?: string; message?: string; target?: string }
  | { kind: 'bad-request'; status: number; code?: string; message?: string; target?: string }
  | { kind: 'network'; message: string }
  /**
   * A call to another origin that the browser would not make, while Defender answered the same URL asked
   * without CORS: the API refuses this page's cross-origin calls. Only the deployment can fix it
   * (a same-origin path in `apiBaseUrl`); cross-origin-probe.ts tells it from a network fault.
   */
  | { kind: 'cross-origin'; apiOrigin: string; pageOrigin: string }
  | { kind: 'timeout'; afterMs: number }
  | { kind: 'malformed'; detail: string; rawText: string };

export type DefenderProblemKind = DefenderProblem['kind'];

/**
 * Where an ID was looked for among the analyst's tenants, and what each one answered: by tenant ID as the
 * poller judges it, by the customers' names once it is shown (src/polling/tenants/tenant-answers.ts).
 */
export interface TenantSearch {
  /** Tenants that answered that they hold no such action. */
  notIn: string[];
  /** Tenants that could not be asked, and why (no Defender role, a sign-in it demands, a network fault…). */
  couldNotAsk: { tenant: string; kind: DefenderProblemKind }[];
  /** Tenants whose answer has not come yet (a 429 pause, say). */
  stillAsking: string[];
}

/** Thrown by the Defender client; `problem` says what went wrong. */
export class DefenderRequestError extends Error {
  readonly problem: DefenderProblem;

  constructor(problem: DefenderProblem) {
    super(`Defender request failed: ${problem.kind}`);
    this.name = 'DefenderRequestError';
    this.problem = problem;
  }
}

export function isDefenderRequestError(error: unknown): error is DefenderRequestError {
  return error instanceof DefenderRequestError;
}
