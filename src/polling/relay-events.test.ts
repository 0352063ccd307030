import { describe, expect, it } from 'vitest';
import { actionBody } from '../testing/machine-actions';
import { readRelayEvent } from './relay-events';

const id = '5f1c3a9e-2b7d-4e8f-9a6b-000000000001';

describe('readRelayEvent', () => {
  it("reads an action's check, its action as Defender's own JSON", () => {
    const data = JSON.stringify({ id: id.toUpperCase(), checkedAt: 1_000, action: actionBody({ id, status: 'InProgress' }), readAt: 1_000, failure: null, history: [{ status: 'InProgress', at: 1_000 }] });
    const event = readRelayEvent('action', data);
    expect(event).toMatchObject({ event: 'action', record: { id, checkedAt: 1_000, readAt: 1_000, failure: null } });
  });

  it('reads a failure only with a problem the app knows, its text checked', () => {
    const record = (problem: unknown) => JSON.stringify({ id, checkedAt: 1, action: null, readAt: null, failure: { problem, count: 1, since: 1, lastAt: 1 }, history: [] });
    expect(readRelayEvent('action', record({ kind: 'throttled', retryAfterMs: 30_000 }))).toBeDefined();
    expect(readRelayEvent('action', record({ kind: 'explode' }))).toBeUndefined();
    expect(readRelayEvent('action', record({ kind: 'server', status: 500, message: { html: '<b>' } }))).toBeUndefined();
  });

  it('reads denied, synced, paused and bye', () => {
    expect(readRelayEvent('denied', JSON.stringify({ id, reason: 'forbidden' }))).toEqual({ event: 'denied', id, reason: 'forbidden' });
    expect(readRelayEvent('synced', JSON.stringify({ ids: [id] }))).toEqual({ event: 'synced', ids: [id] });
    expect(readRelayEvent('paused', JSON.stringify({ until: null }))).toEqual({ event: 'paused', until: undefined });
    expect(readRelayEvent('bye', JSON.stringify({ reason: 'token-expired' }))).toEqual({ event: 'bye', reason: 'token-expired' });
  });

  it('ignores what it cannot read: unknown events, broken JSON, hostile IDs', () => {
    expect(readRelayEvent('surprise', '{}')).toBeUndefined();
    expect(readRelayEvent(undefined, '{}')).toBeUndefined();
    expect(readRelayEvent('action', '{not json')).toBeUndefined();
    expect(readRelayEvent('denied', JSON.stringify({ id: "') or 1 eq 1", reason: 'forbidden' }))).toBeUndefined();
    expect(readRelayEvent('action', JSON.stringify({ id: 'x', checkedAt: 1, action: null, readAt: null, failure: null, history: [] }))).toBeUndefined();
  });
});
