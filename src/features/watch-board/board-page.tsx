import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useLocation } from 'react-router';
import { formatClock } from '../../lib/time';
import { useNow } from '../../lib/use-now';
import { usePoller, useWatchInterest } from '../../polling/poller-provider';
import { actionQueries } from '../../polling/action-queries';
import type { BoardArrival } from '../../action-ui/action-id-form';
import { AddWatchesForm } from './add-watches-form';
import { FinishNotifications } from './finish-notifications';
import { countForBoard, describeCounts, isFinished, sortForBoard, type BoardRow } from './board-rows';
import { useWatchList } from '../../action-ui/use-watch-list';
import { addFromText, describeAddition, idsFromBoardLink } from '../../action-ui/watch-list';
import { ShareBoardButton } from './share-board-button';
import { WatchedActions } from './watched-actions';

function pastedFrom(state: unknown): string | undefined {
  // Router state survives a reload and can be anything: believe only the shape the form sends.
  if (typeof state !== 'object' || state === null || !('pasted' in state)) return undefined;
  const { pasted }: Partial<Record<keyof BoardArrival, unknown>> = state;
  return typeof pasted === 'string' ? pasted : undefined;
}

/** `/board`: every watched action in one place, read with one request per check. */
export function BoardPage() {
  const { ids, add, remove, removeAll } = useWatchList();
  const { pausedUntil } = usePoller();
  const location = useLocation();
  const now = useNow();
  // A shared board link adds its IDs to this analyst's board; what it added is worked out before adding.
  const fromLink = useMemo(() => idsFromBoardLink(location.search, location.hash), [location.search, location.hash]);
  const [linkMessage] = useState(() => (fromLink.length > 0 ? `From the link: ${describeAddition(addFromText(ids, fromLink.join(' ')))}` : undefined));
  // A paste of several IDs elsewhere (the start page, say) sent the analyst here with what it added.
  const [pastedMessage] = useState(() => pastedFrom(location.state));
  useEffect(() => {
    if (fromLink.length > 0) add(fromLink.join(' '));
  }, [fromLink, add]);

  useWatchInterest('board', ids);
  const watches = useQueries({
    queries: ids.map((id) => actionQueries.watch(id)),
    combine: (results) => results.map((result) => result.data),
  });
  const rows: BoardRow[] = sortForBoard(ids.map((id, order) => ({ id, watch: watches[order], order })));
  const finished = rows.filter(isFinished);

  return (
    <Stack gap="lg">
      <Title order={1}>Watch board</Title>
      {pausedUntil !== undefined && pausedUntil > now && (
        <Alert color="amber" variant="outline" title="Defender asked us to slow down" data-testid="board-paused">
          Every check is paused until {formatClock(pausedUntil)} (HTTP 429). The quota (100 calls a minute, 1,500 an hour) is shared by
          everyone using this app registration.
        </Alert>
      )}
      <FinishNotifications ids={ids} />
      <AddWatchesForm onAdd={add} />
      {linkMessage && <Text size="sm">{linkMessage}</Text>}
      {pastedMessage && (
        <Text size="sm" role="status" data-testid="pasted-result">
          {pastedMessage}
        </Text>
      )}
      {rows.length === 0 ? (
        <Text>No action is watched yet. Paste a ticket's IDs above.</Text>
      ) : (
        <>
          <Group gap="sm">
            <Text size="sm" data-testid="board-counts">
              {describeCounts(countForBoard(rows))}
            </Text>
            <Button variant="default" size="xs" disabled={finished.length === 0} onClick={() => removeAll(new Set(finished.map((row) => row.id)))}>
              Clear finished
            </Button>
            <ShareBoardButton ids={ids} />
          </Group>
          <WatchedActions rows={rows} now={now} onRemove={remove} />
        </>
      )}
    </Stack>
  );
}
