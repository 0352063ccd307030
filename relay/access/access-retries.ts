import type { Guid } from '../../core/lib/guid';
import type { AccessChecker } from './access-check';

/** What the retries do with a verdict learnt later: lease the readable IDs and tell the analyst's streams. */
export interface AccessRetryOptions {
  checkAccess: AccessChecker;
  /** Leases the readable IDs and publishes the analyst's watch, so that every stream of theirs resyncs. */
  onChecked: (oid: string, allowed: Guid[]) => Promise<void>;
  /** How long the team is paused (Defender's 429), if it is. */
  pausedUntil: () => Promise<number | undefined>;
  now?: () => number;
  /** The wait before a retry when the team is not paused (its budget spent, a 5xx). */
  retryMs?: number;
  warn: (message: string) => void;
}

export interface AccessRetries {
  /** IDs not checked now: tried again with this token until it expires. The token stays in memory only. */
  later(oid: string, token: string, expiresAt: number, ids: readonly Guid[]): void;
  stop(): void;
}

/** IDs one analyst may have waiting for a check: a board's worth is sent again by the browser anyway. */
const maxWaitingIds = 100;

interface Waiting {
  token: string;
  expiresAt: number;
  ids: Set<Guid>;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * The access checks that could not run (the team's budget spent, Defender throttling it): queued per analyst
 * and run again once the pause is over, through the same budget. Without this, an ID left unchecked by a
 * colleague's burst would wait for the analyst's next request.
 */
export function accessRetries(options: AccessRetryOptions): AccessRetries {
  const now = options.now ?? Date.now;
  const retryMs = options.retryMs ?? 10_000;
  const waiting = new Map<string, Waiting>();

  async function run(oid: string): Promise<void> {
    const entry = waiting.get(oid);
    if (!entry) return;
    waiting.delete(oid);
    if (entry.expiresAt <= now()) return; // the browser reconnects with a fresh token, and is checked then
    const report = await options.checkAccess(oid, entry.token, [...entry.ids]);
    await options.onChecked(oid, report.allowed);
    if (report.unchecked.length > 0) await schedule(oid, entry.token, entry.expiresAt, report.unchecked.map((item) => item.id));
  }

  async function schedule(oid: string, token: string, expiresAt: number, ids: readonly Guid[]): Promise<void> {
    const entry = waiting.get(oid);
    if (entry) {
      // The newest token serves for all of them; the timer already set stands.
      entry.token = token;
      entry.expiresAt = expiresAt;
      for (const id of ids) if (entry.ids.size < maxWaitingIds) entry.ids.add(id);
      return;
    }
    // In the map before the wait is known: a second call meanwhile joins this one rather than set a second timer.
    const created: Waiting = { token, expiresAt, ids: new Set(ids.slice(0, maxWaitingIds)), timer: undefined };
    waiting.set(oid, created);
    const until = await options.pausedUntil().catch(() => undefined);
    const wait = Math.max(until === undefined ? retryMs : until - now(), 500) + Math.round(Math.random() * 1_000);
    if (waiting.get(oid) !== created) return; // stopped meanwhile
    created.timer = setTimeout(() => void run(oid).catch((error: Error) => options.warn(`Could not check access again: ${error.message}`)), wait);
  }

  return {
    later(oid, token, expiresAt, ids) {
      if (ids.length === 0) return;
      void schedule(oid, token, expiresAt, ids).catch((error: Error) => options.warn(`Could not queue an access check: ${error.message}`));
    },
    stop() {
      for (const entry of waiting.values()) clearTimeout(entry.timer);
      waiting.clear();
    },
  };
}
