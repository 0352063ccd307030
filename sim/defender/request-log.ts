export interface LoggedRequest {
  /** Simulated time, ISO 8601. */
  readonly at: string;
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, string>;
  /** null while unanswered, and for good when a hang fault swallowed the request. */
  status: number | null;
  /** Who called: the user's UPN, or the app id for an app calling as itself (the relay); null before auth. */
  user: string | null;
  /** Whose Defender answered: the token's `tid`; null before auth. */
  tenantId: string | null;
}

// Enough for a benchmark hour of a naive poller (about 43,000 calls); a dev server keeps only the newest.
const MAX_ENTRIES = 100_000;

export interface RequestLog {
  record(entry: LoggedRequest): LoggedRequest;
  entries(): readonly LoggedRequest[];
  clear(): void;
}

export function createRequestLog(): RequestLog {
  let entries: LoggedRequest[] = [];
  return {
    record(entry) {
      entries.push(entry);
      // A dev server runs for days; keep the newest entries only.
      if (entries.length > MAX_ENTRIES) entries = entries.slice(-MAX_ENTRIES);
      return entry;
    },
    entries: () => entries,
    clear() {
      entries = [];
    },
  };
}
