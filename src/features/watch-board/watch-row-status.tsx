import { Stack, Text } from '@mantine/core';
import { ActionStatusBadge } from '../../action-ui/action-status-badge';
import { formatClock } from '../../lib/time';
import { useTick } from '../../lib/use-tick';
import { longPendingWords } from '../../action-ui/history-words';
import type { MachineAction } from '../../../core/defender/machine-action';
import { enoughHistory, type HistoryReading } from '../../../core/polling/history/duration-history';
import { isPendingLongerThanUsual } from '../../../core/polling/pacing/pending-hint';
import { shownAction, type LastGoodRead, type RowStatus } from './row-status';
import { rowTickMs } from './row-times';

/** The status the last good read saw, outlined, with when: the action may have moved on since. */
function StaleStatus({ lastGood }: { lastGood: LastGoodRead }) {
  return (
    <>
      <ActionStatusBadge status={lastGood.action.status} size="md" testId="action-status" stale />
      <Text size="xs" c="dimmed" data-testid="stale-note">
        as of {formatClock(lastGood.readAt)}, may be out of date
      </Text>
    </>
  );
}

/** Its own component, so that the passing of time re-renders this note, not the row. */
function LongPendingNote({ action, reading }: { action: MachineAction; reading: HistoryReading | undefined }) {
  const now = useTick(rowTickMs);
  const history = enoughHistory(reading);
  if (!isPendingLongerThanUsual(action, now, history)) return null;
  return (
    <Text size="xs" c="dimmed" maw={220} data-testid="row-long-pending">
      {longPendingWords(history)}. The device may be offline: the action waits until it checks in.
    </Text>
  );
}

/** A row's status: what the action page would say first, in a few words. Shared by the table and the cards. */
export function WatchRowStatus({ status, history }: { status: RowStatus; history: HistoryReading | undefined }) {
  const action = shownAction(status);
  return (
    <Stack gap={4} align="flex-start">
      {status.kind === 'looking-up' && <Text size="sm">Looking up…</Text>}
      {status.kind === 'current' && <ActionStatusBadge status={status.action.status} size="md" testId="action-status" />}
      {status.kind === 'not-listed-yet' && (
        <Text size="sm" data-testid="row-problem">
          Not listed yet, checking again…
        </Text>
      )}
      {status.kind === 'problem' && (
        <Text size="sm" fw={700} c={status.problem.severity === 'error' ? 'red' : 'amber'} data-testid="row-problem">
          {status.problem.title}
        </Text>
      )}
      {status.kind === 'problem' && status.problem.brief && (
        <Text size="xs" maw={220} data-testid="row-problem-brief">
          {status.problem.brief}
        </Text>
      )}
      {status.kind !== 'current' && status.kind !== 'looking-up' && status.lastGood && <StaleStatus lastGood={status.lastGood} />}
      {action && <LongPendingNote action={action} reading={history} />}
    </Stack>
  );
}
