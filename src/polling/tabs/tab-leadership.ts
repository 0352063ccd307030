/** The part of the Web Locks API this needs (navigator.locks), so tests can pass their own. */
export interface LockManagerLike {
  request(name: string, options: { signal: AbortSignal }, callback: () => Promise<void>): Promise<unknown>;
}

/**
 * Takes part in the election of the one tab that polls: the tab holding the Web Lock `name` leads. The
 * lock is held until this tab leaves (or closes, when the browser releases it), and the next tab waiting
 * for it takes over at once. Without Web Locks every tab leads, as before there was any coordination.
 */
export function joinLeaderElection(name: string, onLeading: () => void, locks: LockManagerLike | undefined = navigator.locks): () => void {
  if (!locks) {
    onLeading();
    return () => {};
  }
  const controller = new AbortController();
  let release: (() => void) | undefined;
  locks
    .request(name, { signal: controller.signal }, () => {
      if (controller.signal.aborted) return Promise.resolve();
      onLeading();
      return new Promise<void>((resolve) => {
        release = resolve;
      });
    })
    .catch(() => undefined); // AbortError: this tab left before its turn came
  return () => {
    controller.abort();
    release?.();
  };
}
