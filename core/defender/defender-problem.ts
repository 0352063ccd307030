/**
 * What went wrong with a Defender call, in the terms the analyst acts on. The HTTP layer produces these;
 * features decide how to show them.
 */
export type DefenderProblem =
  | { kind: 'not-found'; code?: string; message?: string; target?: string }
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
