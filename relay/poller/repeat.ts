import type { Timers } from '../../core/polling/scheduler/action-poller';

/**
 * Calls `callback` every `ms`: with setInterval when no timers are given (the service), else on `timers`
 * (a benchmark's simulated time), re-armed after each call. Returns what stops it.
 */
export function repeatEvery(timers: Timers | undefined, ms: number, callback: () => void): () => void {
  if (!timers) {
    const handle = setInterval(callback, ms);
    return () => clearInterval(handle);
  }
  let stopped = false;
  let handle: unknown;
  const arm = () => {
    handle = timers.setTimeout(() => {
      if (stopped) return;
      arm();
      callback();
    }, ms);
  };
  arm();
  return () => {
    stopped = true;
    timers.clearTimeout(handle);
  };
}
