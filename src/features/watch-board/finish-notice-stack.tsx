import { Anchor, Button, CloseButton, Group, Text, VisuallyHidden } from '@mantine/core';
import { Link } from 'react-router';
import type { Guid } from '../../../core/lib/guid';
import { ActionStatusBadge } from '../../action-ui/action-status-badge';
import type { FinishNotice } from './finish-notices';
import classes from './finish-notice-stack.module.css';

/** The newest first; beyond these, a count: the rows themselves say the rest. */
const shownAtMost = 5;

/**
 * The finishes seen live, newest first, one line each in a small box held in the window's corner rather
 * than a full-width alert each above the board: a finish must never move the rows from under the pointer,
 * and a busy afternoon's ten must not push the board below the fold. Each line leads with its short ID,
 * which a long device name cannot push out of sight.
 */
export function FinishNoticeStack({ notices, onDismiss }: { notices: readonly FinishNotice[]; onDismiss: (ids: ReadonlySet<Guid>) => void }) {
  const newestFirst = [...notices].reverse();
  const shown = newestFirst.slice(0, shownAtMost);
  const more = newestFirst.length - shown.length;
  return (
    <div className={classes.stack}>
      <Group justify="space-between" gap="xs" mb={4}>
        <Text size="sm" fw={700}>
          Finished while you watched
        </Text>
        {notices.length > 1 && (
          <Button variant="subtle" size="compact-xs" onClick={() => onDismiss(new Set(notices.map((notice) => notice.id)))}>
            Dismiss all
          </Button>
        )}
      </Group>
      <ul className={classes.list}>
        {shown.map((notice) => (
          <li key={notice.id} className={classes.notice} data-testid="finish-notice">
            <VisuallyHidden>{notice.needsAttention ? 'Needs attention:' : 'Finished:'}</VisuallyHidden>
            <ActionStatusBadge status={notice.status} size="md" />
            <Anchor component={Link} to={`/actions/${notice.id}`} size="sm" underline="always" ff="monospace" title={notice.id} className={classes.id}>
              {notice.id.slice(0, 8)}
            </Anchor>
            <Text size="sm" className={classes.line} title={`${notice.type} on ${notice.device}`}>
              {notice.type} on {notice.device}
            </Text>
            <CloseButton size="sm" aria-label={`Dismiss the notice about ${notice.id}`} onClick={() => onDismiss(new Set([notice.id]))} />
          </li>
        ))}
      </ul>
      {more > 0 && (
        <Text size="xs" c="dimmed" mt={4}>
          and {more} more: the board shows them
        </Text>
      )}
    </div>
  );
}
