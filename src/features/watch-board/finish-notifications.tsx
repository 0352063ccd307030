import { Alert, Button, CloseButton, Group, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { Guid } from '../../../core/lib/guid';
import { actionQueries, watchedActionId } from '../../polling/react/action-queries';
import { statusLabel } from '../../action-ui/status-tone';
import { setFaviconBadge } from './favicon';
import type { BoardRow } from './board-rows';
import { BoardTabTitle } from './board-tab-title';
import { newlyFinished, type FinishNotice } from './finish-notices';

function notifyDesktop(notice: FinishNotice): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  const body = `${notice.type} on ${notice.device}: ${statusLabel(notice.status)}${notice.needsAttention ? ' (needs attention)' : ''}`;
  new Notification(notice.needsAttention ? 'A machine action needs attention' : 'A machine action finished', { body, tag: notice.id });
}

/**
 * Tells the analyst when a watched action reaches a final status: in the page, in the tab's title (beside
 * the board's counts, `rows`) and icon, and (once allowed, on a click: never asked on load) as a desktop
 * notification.
 */
export function FinishNotifications({ ids, rows }: { ids: readonly Guid[]; rows: readonly BoardRow[] }) {
  const queryClient = useQueryClient();
  const [notices, setNotices] = useState<FinishNotice[]>([]);
  const [permission, setPermission] = useState(() => (typeof Notification === 'undefined' ? 'unsupported' : Notification.permission));
  const watched = useRef(new Set(ids));
  useEffect(() => {
    watched.current = new Set(ids);
  }, [ids]);

  // The poller writes every result into the query cache: watching the cache sees every status change.
  useEffect(() => {
    const cache = queryClient.getQueryCache();
    const seen = new Map<Guid, string>();
    for (const id of watched.current) {
      const status = queryClient.getQueryData(actionQueries.watch(id).queryKey)?.action?.status;
      if (status) seen.set(id, status);
    }
    return cache.subscribe((event) => {
      const id = event.type === 'updated' ? watchedActionId(event.query.queryKey) : undefined;
      if (id === undefined) return;
      const watch = queryClient.getQueryData(actionQueries.watch(id).queryKey);
      if (!watch?.action) return;
      const before = new Map(seen);
      seen.set(id, watch.action.status);
      if (!watched.current.has(id)) return;
      const fresh = newlyFinished(before, [{ id, watch, order: 0 }]);
      if (fresh.length === 0) return;
      setNotices((current) => [...current.filter((notice) => notice.id !== id), ...fresh]);
      fresh.forEach(notifyDesktop);
    });
  }, [queryClient]);

  useEffect(() => {
    setFaviconBadge(notices.length === 0 ? 'none' : notices.some((notice) => notice.needsAttention) ? 'attention' : 'finished');
  }, [notices]);
  useEffect(() => () => setFaviconBadge('none'), []);

  return (
    <Stack gap="xs">
      <BoardTabTitle rows={rows} unreadNotices={notices.length} />
      {permission === 'default' && (
        <div>
          <Button variant="default" size="xs" onClick={() => void Notification.requestPermission().then(setPermission)}>
            Notify me on the desktop when an action finishes
          </Button>
        </div>
      )}
      <div role="status" aria-live="polite" data-testid="finish-notices">
        {notices.map((notice) => (
          <Alert
            key={notice.id}
            color={notice.needsAttention ? 'red' : 'forest'}
            variant="outline"
            mb="xs"
            title={notice.needsAttention ? `Needs attention: ${notice.type} ${statusLabel(notice.status)}` : `Finished: ${notice.type} ${statusLabel(notice.status)}`}
          >
            <Group justify="space-between" wrap="nowrap">
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {notice.device} · <Link to={`/actions/${notice.id}`}>{notice.id}</Link>
              </Text>
              <CloseButton aria-label={`Dismiss the notice about ${notice.id}`} onClick={() => setNotices((current) => current.filter((other) => other.id !== notice.id))} />
            </Group>
          </Alert>
        ))}
      </div>
    </Stack>
  );
}
