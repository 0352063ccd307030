import { Button, Stack } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { Guid } from '../../../core/lib/guid';
import { actionQueries, watchedActionId } from '../../polling/react/action-queries';
import type { AwayFinish } from '../../action-ui/away/away-finishes';
import { statusLabel, statusTone } from '../../action-ui/status-tone';
import { setFaviconBadge } from './favicon';
import type { BoardRow } from './board-rows';
import { BoardTabTitle } from './board-tab-title';
import { FinishNoticeStack } from './finish-notice-stack';
import { newlyFinished, type FinishNotice } from './finish-notices';

function notifyDesktop(notice: FinishNotice): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  const body = `${notice.type} on ${notice.device}: ${statusLabel(notice.status)}${notice.needsAttention ? ' (needs attention)' : ''}`;
  try {
    new Notification(notice.needsAttention ? 'A machine action needs attention' : 'A machine action finished', { body, tag: notice.id });
  } catch {
    // Chrome on Android lets only a service worker show one ("Illegal constructor"): the page's notice stands.
  }
}

/**
 * Whether this browser can show a notification from the page: not one that has none, and not a phone's
 * Chrome, which grants the permission and then refuses the page's own notifications.
 */
function notificationSupport(): NotificationPermission | 'unsupported' {
  if (typeof Notification === 'undefined') return 'unsupported';
  const agent: Navigator & { userAgentData?: { mobile?: boolean } } = navigator;
  return agent.userAgentData?.mobile === true ? 'unsupported' : Notification.permission;
}

/**
 * Tells the analyst when a watched action reaches a final status: in the page, in the tab's title (beside
 * the board's counts, `rows`, with the finishes from while away) and icon, and (once allowed, on a click:
 * never asked on load) as a system notification.
 */
export function FinishNotifications({ ids, rows, away }: { ids: readonly Guid[]; rows: readonly BoardRow[]; away: readonly AwayFinish[] }) {
  const queryClient = useQueryClient();
  const [notices, setNotices] = useState<FinishNotice[]>([]);
  const [permission, setPermission] = useState(notificationSupport);
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
    const attention = notices.some((notice) => notice.needsAttention) || away.some((finish) => statusTone(finish.status) === 'attention');
    setFaviconBadge(notices.length + away.length === 0 ? 'none' : attention ? 'attention' : 'finished');
  }, [notices, away]);
  useEffect(() => () => setFaviconBadge('none'), []);

  return (
    <Stack gap="xs">
      <BoardTabTitle rows={rows} unreadNotices={notices.length + away.length} />
      {permission === 'default' && (
        <div>
          <Button variant="default" size="xs" onClick={() => void Notification.requestPermission().then(setPermission)}>
            Notify me when an action finishes
          </Button>
        </div>
      )}
      <div role="status" aria-live="polite" data-testid="finish-notices">
        {notices.length > 0 && <FinishNoticeStack notices={notices} onDismiss={(ids) => setNotices((current) => current.filter((notice) => !ids.has(notice.id)))} />}
      </div>
    </Stack>
  );
}
