import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useLocation } from 'react-router';
import { useWatchInterest } from '../../polling/react/poller-provider';
import { PauseNotices, TenantProblemNotices } from '../../action-ui/tenant-notices';
import { actionQueries } from '../../polling/react/action-queries';
import type { BoardArrival } from '../../action-ui/action-id-form';
import { AddWatchesForm } from './add-watches-form';
import { FinishNotifications } from './finish-notifications';
import { useTypeHistories } from '../../polling/react/use-type-history';
import type { ActionWatch } from '../../../core/polling/watch/watch-state';
import { RelayNotice } from '../../action-ui/relay-notice';
import { isFinished, sortForBoard, type BoardRow } from './board-rows';
import { BoardSummary } from './board-summary';
import { useWatchList } from '../../action-ui/use-watch-list';
import { addToWatchList, boardLimit, describeAddition, idsFromBoardLink, tenantsFromBoardLink } from '../../action-ui/watch-list';
import { hintTenants } from '../../polling/tenants/action-tenants';
import { BeyondLimitNotice } from './beyond-limit-notice';
import { ShareBoardButton } from './share-board-button';
import { WatchedActions } from './watched-actions';
import { AwaySummary } from '../../action-ui/away/away-summary';
import { useAwayFinishes } from '../../action-ui/away/use-away-finishes';
import type { Guid } from '../../../core/lib/guid';
import { CopyBoardButton } from './copy-board-button';
import classes from './board-page.module.css';
import { useSettings } from '../../config/settings-context';
import { useTenantOf } from '../../polling/react/use-action-tenant';
import { CustomerFilter } from './customer-filter';

function pastedFrom(state: unknown): string | undefined {
  // Router state survives a reload and can be anything: believe only the shape the form sends.
  if (typeof state !== 'object' || state === null || !('pasted' in state)) return undefined;
  const { pasted }: Partial<Record<keyof BoardArrival, unknown>> = state;
  return typeof pasted === 'string' ? pasted : undefined;
}

/** `/board`: every watched action in one place, read with one request per check. */
export function BoardPage() {
  const { ids: saved, add, addIds, remove, removeAll } = useWatchList();
  // A list saved before the limit (or by another tab) may hold more than a board watches: the rest is
  // shown, to copy, and never silently dropped from storage.
  const ids = useMemo(() => saved.slice(0, boardLimit), [saved]);
  const beyondLimit = useMemo(() => saved.slice(boardLimit), [saved]);
  const location = useLocation();
  const settings = useSettings();
  const tenantOf = useTenantOf();
  // A shared board link adds its IDs to this analyst's board; what it added is worked out before adding.
  const fromLink = useMemo(() => idsFromBoardLink(location.search, location.hash), [location.search, location.hash]);
  const [linkMessage] = useState(() => (fromLink.length > 0 ? `From the link: ${describeAddition(addToWatchList(ids, fromLink))}` : undefined));
  // A paste of several IDs elsewhere (the start page, say) sent the analyst here with what it added.
  const [pastedMessage] = useState(() => pastedFrom(location.state));
  useEffect(() => {
    if (fromLink.length === 0) return;
    // The tenants the link names, where this app watches them, before the IDs reach the poller.
    const known = new Set(settings.tenants.map((tenant) => tenant.id));
    if (known.size > 1) hintTenants([...tenantsFromBoardLink(location.hash)].filter(([, tenant]) => known.has(tenant)));
    addIds(fromLink);
  }, [fromLink, addIds, settings.tenants, location.hash]);

  useWatchInterest('board', ids);
  const watches = useQueries({
    queries: ids.map((id) => actionQueries.watch(id)),
    combine: (results) => results.map((result) => result.data),
  });
  // One history read per type on the board, once a day at most, after its actions were read.
  const histories = useTypeHistories();
  const historyOf = (watch: ActionWatch | undefined) => (watch?.action ? histories(watch.action) : undefined);
  // What finished while nobody looked: told once above the board, and marked on its rows until seen.
  const away = useAwayFinishes(ids, watches, { watched: saved, recordsWhatItShows: true });
  const finishedAway = new Set(away.finishes.map((finish) => finish.id));
  const customers = settings.tenants.length > 1;
  const allRows: BoardRow[] = sortForBoard(
    ids.map((id, order) => ({ id, watch: watches[order], order, history: historyOf(watches[order]), finishedAway: finishedAway.has(id), customer: customers ? tenantOf(id)?.name : undefined })),
  );
  // With several customers, the analyst may look at one customer's rows (a customer's call, say).
  const [customerShown, setCustomerShown] = useState<string>('');
  const rows = customerShown === '' ? allRows : allRows.filter((row) => row.customer === customerShown);
  // The same function for every row (rows are memoised), reading the latest marks when called.
  const markSeen = useRef(away.markSeen);
  useEffect(() => {
    markSeen.current = away.markSeen;
  }, [away.markSeen]);
  const onOpen = useCallback((id: Guid) => markSeen.current([id]), []);
  const finished = rows.filter(isFinished);

  return (
    <Stack gap="lg" className={classes.page}>
      <Title order={1}>Watch board</Title>
      <PauseNotices />
      <TenantProblemNotices />
      <RelayNotice />
      <AwaySummary away={away} />
      <FinishNotifications ids={ids} rows={rows} away={away.finishes} />
      {beyondLimit.length > 0 && <BeyondLimitNotice ids={beyondLimit} />}
      <AddWatchesForm onAdd={add} />
      {linkMessage && <Text size="sm">{linkMessage}</Text>}
      {pastedMessage && (
        <Text size="sm" role="status" data-testid="pasted-result">
          {pastedMessage}
        </Text>
      )}
      {customers && allRows.length > 0 && <CustomerFilter tenants={settings.tenants} value={customerShown} onChange={setCustomerShown} />}
      {allRows.length === 0 ? (
        <Text>No action is watched yet. Paste a ticket's IDs above.</Text>
      ) : (
        <>
          <Group gap="sm">
            <BoardSummary rows={rows} />
            <Button variant="default" size="xs" disabled={finished.length === 0} onClick={() => removeAll(new Set(finished.map((row) => row.id)))}>
              Clear finished
            </Button>
            {/* The rows shown: one customer's, when the filter picks one. */}
            <ShareBoardButton ids={customerShown === '' ? ids : rows.map((row) => row.id)} tenantOf={customers ? (id) => tenantOf(id)?.id : undefined} />
            <CopyBoardButton rows={rows} />
          </Group>
          {rows.length === 0 ? (
            <Text data-testid="no-customer-rows">No action of {customerShown} is on this board (an action whose tenant is still looked up is listed once it is found).</Text>
          ) : (
            <WatchedActions rows={rows} customers={customers} onRemove={remove} onOpen={onOpen} />
          )}
        </>
      )}
    </Stack>
  );
}
