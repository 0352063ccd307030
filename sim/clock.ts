/**
 * The simulated clock: real time plus an offset the control API can advance, so tests and demos can
 * skip ahead through action timelines and rate-limit windows. Token expiry deliberately ignores it.
 */
export interface SimClock {
  /** Milliseconds since the epoch, simulated. */
  now(): number;
  offsetMs(): number;
  advance(ms: number): number;
  reset(): void;
}

export function createClock(realNow: () => number = Date.now): SimClock {
  let offset = 0;
  return {
    now: () => realNow() + offset,
    offsetMs: () => offset,
    advance(ms) {
      offset += ms;
      return realNow() + offset;
    },
    reset() {
      offset = 0;
    },
  };
}
