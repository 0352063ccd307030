import { Alert, Button, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatMinute } from '../../lib/time';
import { useNow } from '../../lib/use-now';
import { statusTone } from '../status-tone';
import { describeAwayFinishes } from './away-finishes';
import type { AwayFinishes } from './use-away-finishes';

/**
 * "While you were away. Since 12:04: 2 succeeded, 1 failed (Isolate device on build-srv-07)." One notice
 * for everything that finished unseen, on the board and on the start page, until marked as seen.
 */
export function AwaySummary({ away, children }: { away: AwayFinishes; children?: ReactNode }) {
  const { finishes, since, markSeen } = away;
  const now = useNow(60_000);
  if (finishes.length === 0 || since === undefined) return null;
  const attention = finishes.some((finish) => statusTone(finish.status) === 'attention');
  return (
    <Alert color={attention ? 'red' : 'forest'} variant="outline" title="While you were away" data-testid="away-summary" role="status">
      <Text size="sm" mb="xs" data-testid="away-words">
        Since {formatMinute(since, now)}: {describeAwayFinishes(finishes)}.
      </Text>
      <Group gap="sm">
        {children}
        <Button variant="default" size="xs" onClick={() => markSeen()}>
          Mark as seen
        </Button>
      </Group>
    </Alert>
  );
}
