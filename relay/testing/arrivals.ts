/**
 * What arrives one by one (a stream's events, the replicas' pub/sub messages), kept in order for a test to
 * wait on: waiting is for a condition, with a deadline, never for a fixed time.
 */
export interface Arrivals<T> {
  /** Everything arrived so far, oldest first. */
  readonly items: T[];
  add(item: T): void;
  /** Nothing more will arrive: a wait for what has not come fails at once. */
  end(): void;
  /**
   * Resolves with the first item (arrived already, or still to come) that matches, or rejects after
   * `timeoutMs`. `index` is the item's place in `items`, so a test can wait for what comes after a point.
   */
  waitFor(match: (item: T, index: number) => boolean, timeoutMs?: number): Promise<T>;
}

/** `describe` says what had arrived, for the message of a wait that failed. */
export function arrivals<T>(describe: (items: readonly T[]) => string): Arrivals<T> {
  const items: T[] = [];
  const waiters = new Set<() => void>();
  let ended = false;
  const wakeAll = () => {
    for (const wake of [...waiters]) wake();
  };
  return {
    items,
    add(item) {
      items.push(item);
      wakeAll();
    },
    end() {
      ended = true;
      wakeAll();
    },
    waitFor(match, timeoutMs = 8_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = items.find(match);
          if (found !== undefined) {
            cleanup();
            resolve(found);
          } else if (ended) {
            cleanup();
            reject(new Error(`It ended first; it carried: ${describe(items)}`));
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`Nothing such within ${timeoutMs} ms; it carried: ${describe(items)}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
  };
}
