import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit.ts';

const KEY = 'app|tenant';

function takeMany(limiter: ReturnType<typeof createRateLimiter>, count: number, atMs: (index: number) => number) {
  return Array.from({ length: count }, (_, index) => limiter.take(KEY, atMs(index)));
}

describe('createRateLimiter', () => {
  it('allows 100 calls a minute, then answers with the seconds until the oldest leaves', () => {
    const limiter = createRateLimiter();
    const decisions = takeMany(limiter, 100, (index) => index * 100);
    expect(decisions.every((decision) => decision.allowed)).toBe(true);
    // Oldest call at 0 ms leaves the window at 60,000 ms.
    expect(limiter.take(KEY, 20_000)).toEqual({ allowed: false, retryAfterSeconds: 40 });
    expect(limiter.take(KEY, 59_001)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.take(KEY, 60_000)).toEqual({ allowed: true });
    // The next one out is the call made at 100 ms.
    expect(limiter.take(KEY, 60_000)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('does not count rejected calls', () => {
    const limiter = createRateLimiter([{ limit: 2, windowMs: 10_000 }]);
    limiter.take(KEY, 0);
    limiter.take(KEY, 1_000);
    for (let attempt = 0; attempt < 5; attempt += 1) expect(limiter.take(KEY, 5_000).allowed).toBe(false);
    expect(limiter.take(KEY, 10_000)).toEqual({ allowed: true });
  });

  it('enforces 1,500 calls an hour across minutes', () => {
    const limiter = createRateLimiter();
    // 100 calls in each of 15 minutes.
    const decisions = takeMany(limiter, 1_500, (index) => Math.floor(index / 100) * 60_000 + (index % 100));
    expect(decisions.every((decision) => decision.allowed)).toBe(true);
    const fifteenMinutes = 15 * 60_000;
    // The minute window is clear, the hour is full until the first call (at 0 ms) is an hour old.
    expect(limiter.take(KEY, fifteenMinutes)).toEqual({ allowed: false, retryAfterSeconds: 45 * 60 });
    expect(limiter.take(KEY, 3_600_000).allowed).toBe(true);
  });

  it('keeps a separate quota per key and forgets everything on reset', () => {
    const limiter = createRateLimiter([{ limit: 1, windowMs: 60_000 }]);
    expect(limiter.take('a', 0).allowed).toBe(true);
    expect(limiter.take('b', 0).allowed).toBe(true);
    expect(limiter.take('a', 1).allowed).toBe(false);
    limiter.reset();
    expect(limiter.take('a', 1).allowed).toBe(true);
  });
});
