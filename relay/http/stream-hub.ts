import type { Guid } from '../../core/lib/guid';
import type { AccessCache } from '../state/access-cache';
import type { ActionStates } from '../state/action-states';
import type { CheckRecord } from '../state/check-record';
import type { Leases } from '../state/leases';
import type { RelayEvent } from '../state/relay-events';
import type { WatchSets } from '../state/watch-sets';
import { formatEvent, type ByeReason, type StreamEvent } from '../../core/relay-stream/stream-events';

/** One open stream of one analyst on this replica. */
export interface StreamSession {
  readonly oid: string;
  send(event: StreamEvent): void;
  /** An event already written out (formatEvent): one check fanned out to many streams is formatted once. */
  sendFormatted(text: string): void;
  close(reason: ByeReason): void;
}

interface SessionState {
  /** What the analyst watches, as last read from Redis. */
  watched: Guid[];
  /** The watched IDs their own token could read: the only ones streamed to them. */
  allowed: Set<Guid>;
  /** The checkedAt of each action last sent: an older record (a snapshot racing a change) is not sent after a newer one. */
  sent: Map<Guid, number>;
}

export interface StreamHubOptions {
  watchSets: WatchSets;
  access: AccessCache;
  states: ActionStates;
  leases: Leases;
  warn: (message: string) => void;
  now?: () => number;
}

/**
 * This replica's open streams, and the fan-out to them: every check published by the leader goes to each
 * stream whose analyst watches that action and passed its access check, and to no other.
 */
export class StreamHub {
  private readonly options: StreamHubOptions;
  private readonly now: () => number;
  private readonly sessions = new Map<StreamSession, SessionState>();

  constructor(options: StreamHubOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.sessions.size;
  }

  /** The streams one analyst holds open on this replica. */
  countOf(oid: string): number {
    let count = 0;
    for (const session of this.sessions.keys()) if (session.oid === oid) count += 1;
    return count;
  }

  /** Registered before its first snapshot, so that no change published meanwhile is missed. */
  async add(session: StreamSession): Promise<void> {
    const state: SessionState = { watched: [], allowed: new Set(), sent: new Map() };
    this.sessions.set(session, state);
    await this.sync(session);
    // Only this stream's own: renewing every stream's at each new one would cost n² writes as a replica fills.
    if (state.allowed.size > 0) await this.options.leases.renew(state.allowed, this.now());
  }

  remove(session: StreamSession): void {
    this.sessions.delete(session);
  }

  onEvent(event: RelayEvent): void {
    switch (event.type) {
      case 'checked': {
        let formatted: string | undefined;
        const text = () => (formatted ??= formatEvent({ event: 'action', data: event.record }));
        for (const [session, state] of this.sessions) if (state.allowed.has(event.record.id)) this.deliver(session, state, event.record, text);
        return;
      }
      case 'watch':
        for (const session of this.sessions.keys()) if (session.oid === event.oid) void this.sync(session).catch((error: Error) => this.options.warn(`Could not reload a watch: ${error.message}`));
        return;
      case 'paused':
        for (const session of this.sessions.keys()) session.send({ event: 'paused', data: { until: event.until } });
        return;
      case 'leases':
      case 'spent':
        return;
    }
  }

  /**
   * Redis was away, and may have come back empty (a restart): the watch sets and leases this replica's streams
   * follow are put back first, from memory, and only then does every stream get what changed meanwhile. Read
   * first, an emptied Redis would have emptied every open stream's watch.
   */
  async resyncAll(): Promise<void> {
    await this.renewLeases();
    await Promise.allSettled([...this.sessions.keys()].map((session) => this.sync(session)));
  }

  /** Renews the lease of every ID a stream here follows, and the watch sets a Redis restart may have lost. */
  async renewLeases(): Promise<void> {
    const ids = new Set<Guid>();
    const watches = new Map<string, Guid[]>();
    for (const [session, state] of this.sessions) {
      for (const id of state.allowed) ids.add(id);
      watches.set(session.oid, state.watched);
    }
    if (ids.size > 0) await this.options.leases.renew(ids, this.now());
    await Promise.all([...watches].filter(([, watched]) => watched.length > 0).map(([oid, watched]) => this.options.watchSets.restore(oid, watched)));
  }

  closeAll(reason: ByeReason): void {
    for (const session of [...this.sessions.keys()]) session.close(reason);
    this.sessions.clear();
  }

  /**
   * Reads the analyst's watch set and access verdicts from Redis, then sends the current state of each
   * readable action, a `denied` for each unreadable one, and `synced` naming what is followed.
   */
  private async sync(session: StreamSession): Promise<void> {
    const watched = await this.options.watchSets.read(session.oid);
    const verdicts = await this.options.access.read(session.oid, watched);
    const state = this.sessions.get(session);
    if (!state) return; // closed meanwhile
    const allowed = new Set<Guid>();
    for (const id of watched) {
      const verdict = verdicts.get(id);
      // Readable before, in this stream's life, and the cached yes has merely lapsed: still theirs.
      if (verdict === 'allowed' || (verdict === undefined && state.allowed.has(id))) allowed.add(id);
      else if (verdict !== undefined) session.send({ event: 'denied', data: { id, reason: verdict } });
    }
    state.watched = watched;
    state.allowed = allowed;
    for (const id of state.sent.keys()) if (!allowed.has(id)) state.sent.delete(id);
    const records = await this.options.states.read([...allowed]);
    for (const record of records.values()) if (state.allowed.has(record.id)) this.deliver(session, state, record);
    session.send({ event: 'synced', data: { ids: [...allowed] } });
  }

  private deliver(session: StreamSession, state: SessionState, record: CheckRecord, formatted?: () => string): void {
    if ((state.sent.get(record.id) ?? -1) >= record.checkedAt) return;
    state.sent.set(record.id, record.checkedAt);
    if (formatted) session.sendFormatted(formatted());
    else session.send({ event: 'action', data: record });
  }
}
