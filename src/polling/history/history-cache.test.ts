import { describe, expect, it } from 'vitest';
import { parseMachineAction, type MachineAction } from '../../../core/defender/machine-action';
import { actionBody } from '../../../core/testing/machine-actions';
import { historySamples, type HistorySamples } from '../../../core/polling/history/duration-history';
import { historyCache, historyTtlMs } from './history-cache';

const start = Date.parse('2026-11-30T12:00:00Z');
const full = { type: 'Isolate', scope: 'Full' } as const;
const selective = { type: 'Isolate', scope: 'Selective' } as const;

/** A Storage stand-in that shows exactly what was written. */
function fakeStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  };
}

function isolations(count: number, scope = 'Full'): MachineAction[] {
  return Array.from({ length: count }, (_, index) => {
    const created = start - 3_600_000 - index * 60_000;
    const parsed = parseMachineAction(
      actionBody({
        id: `5f1c3a9e-2b7d-4e8f-9a6b-${String(index).padStart(12, '0')}`,
        scope,
        status: 'Succeeded',
        requestor: 'dana.analyst@contoso.example',
        computerDnsName: 'finance-ws-014.contoso.example',
        creationDateTimeUtc: new Date(created).toISOString(),
        lastUpdateDateTimeUtc: new Date(created + 60_000 + index * 1_000).toISOString(),
      }),
    );
    if (!parsed.ok) throw new Error(parsed.detail);
    return parsed.action;
  });
}

function setUp() {
  const storage = fakeStorage();
  let now = start;
  const cache = historyCache(storage, { now: () => now, tenant: 'contoso-tenant' });
  const gathered = historySamples([...isolations(30), ...isolations(5, 'Selective')], { now, periodDays: 30 });
  return { storage, cache, gathered: [...gathered.values()], later: (ms: number) => (now += ms) };
}

describe('historyCache', () => {
  it('keeps what a read found for a day, and the type is due again after it', () => {
    const { cache, gathered, later } = setUp();
    expect(cache.isDue('Isolate')).toBe(true);
    expect(cache.reading(full)).toBeUndefined();
    cache.keep('Isolate', gathered, { periodDays: 30, readAt: start });
    expect(cache.isDue('Isolate')).toBe(false);
    expect(cache.reading(full)).toMatchObject({ enough: true, finished: 30, medianMs: 74_500 });
    expect(cache.reading(selective)).toMatchObject({ enough: false, finished: 5 });
    later(historyTtlMs - 1);
    expect(cache.isDue('Isolate')).toBe(false);
    later(1);
    expect(cache.isDue('Isolate')).toBe(true);
    expect(cache.reading(full)).toBeUndefined();
  });

  it('reads another tab\'s entry from storage, and says "too little" of a kind the read did not find', () => {
    const { storage, cache, gathered } = setUp();
    cache.keep('Isolate', gathered, { periodDays: 30, readAt: start });
    const otherTab = historyCache(storage, { now: () => start + 60_000, tenant: 'contoso-tenant' });
    expect(otherTab.reading(full)).toMatchObject({ enough: true, finished: 30 });
    expect(otherTab.reading({ type: 'Isolate', scope: 'UnManagedDevice' })).toMatchObject({ enough: false, finished: 0, periodDays: 30 });
    expect(otherTab.isDue('RunAntiVirusScan')).toBe(true);
  });

  it('keeps durations and counts only: no device, requestor, comment or action ID reaches storage', () => {
    const { storage, cache, gathered } = setUp();
    const withExtras = gathered.map((samples) => ({ ...samples, computerDnsName: 'finance-ws-014.contoso.example', requestor: 'dana.analyst@contoso.example' }) as HistorySamples);
    cache.keep('Isolate', withExtras, { periodDays: 30, readAt: start });
    const written = [...storage.items.values()].join('\n');
    expect(written).not.toMatch(/contoso|dana|finance|5f1c3a9e|INC-2041/i);
    expect(written).toMatch(/"durationsMs":\[60000,61000/);
  });

  it('keeps each tenant apart', () => {
    const { storage, cache, gathered } = setUp();
    cache.keep('Isolate', gathered, { periodDays: 30, readAt: start });
    expect(historyCache(storage, { now: () => start, tenant: 'fabrikam-tenant' }).isDue('Isolate')).toBe(true);
  });

  it('ignores anything malformed: broken JSON, wrong shapes, extra fields, negative durations, future times', () => {
    const { storage, cache, gathered } = setUp();
    cache.keep('Isolate', gathered, { periodDays: 30, readAt: start });
    const [key = ''] = [...storage.items.keys()];
    const good = JSON.parse(storage.items.get(key) ?? '{}') as { kinds: Record<string, unknown>[] } & Record<string, unknown>;
    const otherTab = () => historyCache(storage, { now: () => start, tenant: 'contoso-tenant' });
    const firstKind = good.kinds[0] ?? {};
    const bad: unknown[] = [
      '{"version":1,',
      null,
      [],
      { ...good, version: 2 },
      { ...good, readAt: start + 86_400_000 },
      { ...good, readAt: 'yesterday' },
      { ...good, type: 'RunAntiVirusScan' },
      { ...good, requestor: 'dana.analyst@contoso.example' },
      { ...good, kinds: [{ ...firstKind, durationsMs: [-1, 2] }] },
      { ...good, kinds: [{ ...firstKind, durationsMs: [Number.NaN] }] },
      { ...good, kinds: [{ ...firstKind, outcomes: { succeeded: 1.5, failed: 0, timedOut: 0, cancelled: 0 } }] },
      { ...good, kinds: [{ ...firstKind, computerDnsName: 'finance-ws-014' }] },
    ];
    for (const value of bad) {
      storage.items.set(key, typeof value === 'string' ? value : JSON.stringify(value));
      expect(otherTab().isDue('Isolate')).toBe(true);
      expect(otherTab().reading(full)).toBeUndefined();
    }
  });

  it('still reads a type once a day where storage refuses to keep it', () => {
    const refusing = {
      getItem: () => {
        throw new DOMException('blocked', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    };
    const { gathered } = setUp();
    const cache = historyCache(refusing, { now: () => start, tenant: 'contoso-tenant' });
    cache.keep('Isolate', gathered, { periodDays: 30, readAt: start });
    expect(cache.isDue('Isolate')).toBe(false);
    expect(cache.reading(full)?.enough).toBe(true);
    expect(historyCache(undefined, { now: () => start, tenant: 'contoso-tenant' }).isDue('Isolate')).toBe(true);
  });
});

describe('historyCache readings', () => {
  it('gives the same reading object for the same read, and a new one after a newer read', () => {
    const { cache, gathered, later } = setUp();
    cache.keep('Isolate', gathered, { periodDays: 30, readAt: start });
    const first = cache.reading(full);
    expect(cache.reading(full)).toBe(first);
    later(60_000);
    cache.keep('Isolate', gathered, { periodDays: 30, readAt: start + 60_000 });
    expect(cache.reading(full)).not.toBe(first);
    expect(cache.reading(full)).toEqual(first);
  });
});
