import { Alert, Button, CopyButton, Group, Stack, Text, Title } from '@mantine/core';
import { skipToken, useQueries } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useLocation } from 'react-router';
import { formatClock } from '../../lib/time';
import { useNow } from '../../lib/use-now';
import { usePoller, useWatchInterest } from '../../polling/poller-provider';
import { watchKeys } from '../../polling/watch-keys';
import type { ActionWatch } from '../../polling/watch-state';
import { AddWatchesForm } from './add-watches-form';
import { FinishNotifications } from './finish-notifications';
import { isFinished, sortForBoard, type BoardRow } from './board-rows';
import { useWatchList } from './use-watch-list';
import { addFromText, boardPath, describeAddition, idsFromBoardSearch } from './watch-list';
import { WatchBoardTable } from './watch-board-table';

/** `/board`: every watched action in one place, read with one request per check. */
export function BoardPage() {
  const { ids, add, remove, removeAll } = useWatchList();
  const { pausedUntil } = usePoller();
  const location = useLocation();
  const now = useNow();
  // A shared board link adds its IDs to this analyst's board; what it added is worked out before adding.
  const fromLink = useMemo(() => idsFromBoardSearch(location.search), [location.search]);
  const [linkMessage] = useState(() => (fromLink.length > 0 ? `From the link: ${describeAddition(addFromText(ids, fromLink.join(' ')))}` : undefined));
  useEffect(() => {
    if (fromLink.length > 0) add(fromLink.join(' '));
  }, [fromLink, add]);

  useWatchInterest('board', ids);
  const watches = useQueries({
    queries: ids.map((id) => ({ queryKey: watchKeys.detail(id), queryFn: skipToken })),
    combine: (results) => results.map((result) => result.data as ActionWatch | undefined),
  });
  const rows: BoardRow[] = sortForBoard(ids.map((id, order) => ({ id, watch: watches[order], order })));
  const finished = rows.filter(isFinished);
  const shareUrl = new URL(boardPath(ids), window.location.origin).href;

  return (
    <Stack gap="lg">
      <Title order={1}>Watch board</Title>
      {pausedUntil !== undefined && pausedUntil > now && (
        <Alert color="amber.8" variant="outline" title="Defender asked us to slow down" data-testid="board-paused">
          Every check is paused until {formatClock(pausedUntil)} (HTTP 429). The quota (100 calls a minute, 1,500 an hour) is shared by
          everyone using this app registration.
        </Alert>
      )}
      <FinishNotifications ids={ids} />
      <AddWatchesForm onAdd={add} />
      {linkMessage && <Text size="sm">{linkMessage}</Text>}
      {rows.length === 0 ? (
        <Text>No action is watched yet. Paste a ticket's IDs above.</Text>
      ) : (
        <>
          <Group gap="sm">
            <Text size="sm" data-testid="board-counts">
              {rows.length - finished.length} running, {finished.length} finished
            </Text>
            <Button variant="default" size="xs" disabled={finished.length === 0} onClick={() => removeAll(new Set(finished.map((row) => row.id)))}>
              Clear finished
            </Button>
            <CopyButton value={shareUrl}>
              {({ copied, copy }) => (
                <Button variant="default" size="xs" onClick={copy}>
                  {copied ? 'Link copied' : 'Copy link to this board'}
                </Button>
              )}
            </CopyButton>
          </Group>
          <WatchBoardTable rows={rows} now={now} onRemove={remove} />
        </>
      )}
    </Stack>
  );
}
