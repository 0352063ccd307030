import { describe, expect, it } from 'vitest';
import { actionBody } from '../testing/machine-actions';
import { formatEvent, readStreamEvent, type StreamEvent } from './stream-events';

const id = '5f1c3a9e-2b7d-4e8f-9a6b-000000000001';

describe('readStreamEvent', () => {
  it("reads an action's check, its action as Defender's own JSON", () => {
    const data = JSON.stringify({ id: id.toUpperCase(), checkedAt: 1_000, action: actionBody({ id, status: 'InProgress' }), readAt: 1_000, failure: null, history: [{ status: 'InProgress', at: 1_000 }] });
    const event = readStreamEvent('action', data);
    expect(event).toMatchObject({ event: 'action', data: { id, checkedAt: 1_000, readAt: 1_000, failure: null } });
  });

  it('reads a failure only with a problem the app knows, its text checked', () => {
    const record = (problem: unknown) => JSON.stringify({ id, checkedAt: 1, action: null, readAt: null, failure: { problem, count: 1, since: 1, lastAt: 1 }, history: [] });
    expect(readStreamEvent('action', record({ kind: 'throttled', retryAfterMs: 30_000 }))).toBeDefined();
    expect(readStreamEvent('action', record({ kind: 'explode' }))).toBeUndefined();
    expect(readStreamEvent('action', record({ kind: 'server', status: 500, message: { html: '<b>' } }))).toBeUndefined();
  });

  it('reads denied, synced, paused and bye', () => {
    expect(readStreamEvent('denied', JSON.stringify({ id, reason: 'forbidden' }))).toEqual({ event: 'denied', data: { id, reason: 'forbidden' } });
    expect(readStreamEvent('unchecked', JSON.stringify({ id, problem: 'throttled' }))).toEqual({ event: 'unchecked', data: { id, problem: 'throttled' } });
    expect(readStreamEvent('synced', JSON.stringify({ ids: [id] }))).toEqual({ event: 'synced', data: { ids: [id] } });
    expect(readStreamEvent('paused', JSON.stringify({ until: null }))).toEqual({ event: 'paused', data: { until: null } });
    expect(readStreamEvent('bye', JSON.stringify({ reason: 'token-expired' }))).toEqual({ event: 'bye', data: { reason: 'token-expired' } });
  });

  it('ignores what it cannot read: unknown events, broken JSON, hostile IDs', () => {
    expect(readStreamEvent('surprise', '{}')).toBeUndefined();
    expect(readStreamEvent(undefined, '{}')).toBeUndefined();
    expect(readStreamEvent('action', '{not json')).toBeUndefined();
    expect(readStreamEvent('denied', JSON.stringify({ id: "') or 1 eq 1", reason: 'forbidden' }))).toBeUndefined();
    expect(readStreamEvent('action', JSON.stringify({ id: 'x', checkedAt: 1, action: null, readAt: null, failure: null, history: [] }))).toBeUndefined();
  });

  it('reads back every event exactly as the relay writes it: one protocol, written once', () => {
    const events: StreamEvent[] = [
      { event: 'action', data: { id: id as never, checkedAt: 2, action: actionBody({ id, status: 'Succeeded' }), readAt: 2, failure: null, history: [{ status: 'Succeeded', at: 2 }] } },
      { event: 'denied', data: { id: id as never, reason: 'not-found' } },
      { event: 'unchecked', data: { id: id as never, problem: 'budget' } },
      { event: 'synced', data: { ids: [id as never] } },
      { event: 'paused', data: { until: 12_345 } },
      { event: 'bye', data: { reason: 'too-slow' } },
    ];
    for (const event of events) {
      const [nameLine, dataLine] = formatEvent(event).split('\n');
      expect(readStreamEvent(nameLine.slice('event: '.length), dataLine.slice('data: '.length))).toEqual(event);
    }
  });
});
