import { describe, expect, it } from 'vitest';
import { evenDurations, isolationSamples } from '../../../core/testing/duration-histories';
import { historyStoragePrefix } from './history-cache';
import { tenantHistories } from './tenant-histories';

const isolations = { type: 'Isolate', scope: 'Full' } as const;

describe('tenantHistories', () => {
  it('is one store per tenant: what the poller keeps for one tenant is not shown for another', () => {
    const contoso = tenantHistories('contoso.example');
    expect(tenantHistories('contoso.example')).toBe(contoso);
    contoso.store.keep('Isolate', [isolationSamples(evenDurations(40, 30_000))], { periodDays: 30, readAt: Date.now() });
    expect(contoso.store.reading(isolations)?.enough).toBe(true);
    expect(tenantHistories('fabrikam.example').store.reading(isolations)).toBeUndefined();
  });

  it("tells the pages when the poller keeps a history, and when another tab's poller did (a storage event)", () => {
    const histories = tenantHistories('northwind.example');
    const told: number[] = [];
    const stop = histories.subscribe(() => told.push(histories.version()));
    histories.store.keep('Isolate', [isolationSamples(evenDurations(40, 30_000))], { periodDays: 30, readAt: Date.now() });
    window.dispatchEvent(new StorageEvent('storage', { key: `${historyStoragePrefix}northwind.example:isolate` }));
    window.dispatchEvent(new StorageEvent('storage', { key: 'machine-action-watch:watch-list' })); // not a history
    stop();
    histories.store.keep('Isolate', [], { periodDays: 30, readAt: Date.now() });
    expect(told).toHaveLength(2);
    expect(told[1]).toBeGreaterThan(told[0]);
  });
});
