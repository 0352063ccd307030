import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Guid } from '../../../core/lib/guid';
import { actionQueries, watchedActionId } from './action-queries';
import type { ActionWatch } from '../../../core/polling/watch/watch-state';

const id = '5f1c3a9e-2b7d-4e8f-9a6b-1c2d3e4f5a6b' as Guid;
const watch: ActionWatch = { action: undefined, readAt: undefined, failure: undefined, history: [], jitter: 0.5 };

describe('actionQueries', () => {
  it('gives each watched action one cache entry that the poller writes and pages read', () => {
    const client = new QueryClient();
    client.setQueryData(actionQueries.watch(id).queryKey, watch);
    expect(client.getQueryData(actionQueries.watch(id).queryKey)).toBe(watch);
    expect(client.getQueryData(actionQueries.watch('00000000-0000-4000-8000-000000000000' as Guid).queryKey)).toBeUndefined();
  });

  it('keeps a device’s actions apart from the watches', () => {
    const device = actionQueries.deviceActions('contoso', '1e5bc9d7e413ddd7902c2932e418702b84d0cc07', async () => []);
    expect(watchedActionId(device.queryKey)).toBeUndefined();
    expect(device.queryKey.slice(0, 1)).toEqual(actionQueries.all);
  });
});

describe('the analyst’s recent actions', () => {
  // TanStack Query judges freshness by Date.now(): a controlled clock shows how long "kept" is.
  const readAt = Date.parse('2026-01-05T10:00:00Z');
  const tenMinutes = 10 * 60_000;
  beforeEach(() => vi.useFakeTimers({ now: readAt, toFake: ['Date'] }));
  afterEach(() => vi.useRealTimers());

  it('are read once and kept for ten minutes: coming back to the start page spends no call', async () => {
    const client = new QueryClient();
    let reads = 0;
    const read = async () => {
      reads += 1;
      return [];
    };
    const dana = actionQueries.requestedBy('contoso', 'dana.analyst@contoso.example', read);
    await client.fetchQuery(dana);
    expect(reads).toBe(1);
    vi.setSystemTime(readAt + tenMinutes - 1);
    await client.fetchQuery(dana);
    expect(reads).toBe(1); // still fresh a moment before ten minutes
    await client.fetchQuery(actionQueries.requestedBy('contoso', 'sam.guest@fabrikam.example', read));
    expect(reads).toBe(2); // another analyst at this browser is read for herself
    vi.setSystemTime(readAt + tenMinutes);
    await client.fetchQuery(dana);
    expect(reads).toBe(3); // ten minutes on, coming back reads them anew
  });
});

describe('watchedActionId', () => {
  it('names the action of a watch entry, and nothing else', () => {
    expect(watchedActionId(actionQueries.watch(id).queryKey)).toBe(id);
    expect(watchedActionId(['machine-actions', 'watch', "') or 1 eq 1"])).toBeUndefined();
    expect(watchedActionId(['another-scope', 'watch', id])).toBeUndefined();
    expect(watchedActionId([])).toBeUndefined();
  });
});
