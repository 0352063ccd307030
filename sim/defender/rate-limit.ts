export interface RateWindow {
  readonly limit: number;
  readonly windowMs: number;
}

/** Defender's documented quota, which integrations report is shared per app registration and tenant. */
export const DEFENDER_RATE_WINDOWS: readonly RateWindow[] = [
  { limit: 100, windowMs: 60_000 },
  { limit: 1_500, windowMs: 3_600_000 },
];

export type RateDecision = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

export interface RateLimiter {
  /** Counts the call when it is allowed; rejected calls do not count. */
  take(key: string, nowMs: number): RateDecision;
  reset(): void;
}

/** Sliding windows over the times of accepted calls, on whatever clock the caller passes in. */
export function createRateLimiter(windows: readonly RateWindow[] = DEFENDER_RATE_WINDOWS): RateLimiter {
  const callsByKey = new Map<string, number[]>();
  const longestWindowMs = Math.max(...windows.map((window) => window.windowMs));

  return {
    take(key, nowMs) {
      const calls = (callsByKey.get(key) ?? []).filter((at) => nowMs - at < longestWindowMs);
      callsByKey.set(key, calls);
      let waitMs = 0;
      for (const { limit, windowMs } of windows) {
        const inWindow = calls.filter((at) => nowMs - at < windowMs);
        if (inWindow.length < limit) continue;
        // The call that must leave before one more fits: the (count - limit + 1)th oldest.
        const leaving = inWindow[inWindow.length - limit] ?? nowMs;
        waitMs = Math.max(waitMs, leaving + windowMs - nowMs);
      }
      if (waitMs > 0) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
      calls.push(nowMs);
      return { allowed: true };
    },
    reset() {
      callsByKey.clear();
    },
  };
}
