import { Text } from '@mantine/core';
import { formatClock, formatRelative } from '../../lib/time';

interface CheckStatusLineProps {
  checkedAt: number | undefined;
  nextCheckAt: number | undefined;
  isWatching: boolean;
  isOffline: boolean;
  now: number;
}

/** When the action was last checked and when it will be next: timers in hidden tabs are throttled. */
export function CheckStatusLine({ checkedAt, nextCheckAt, isWatching, isOffline, now }: CheckStatusLineProps) {
  const parts: string[] = [];
  if (checkedAt !== undefined) parts.push(`Last checked ${formatClock(checkedAt)} (${formatRelative(checkedAt, now)})`);
  if (isOffline) parts.push('Offline: checking is paused and resumes when the connection is back');
  else if (nextCheckAt !== undefined) parts.push(`next check ${nextCheckAt <= now ? 'due now' : `at ${formatClock(nextCheckAt)}`}`);
  else if (!isWatching) parts.push('not checking any more');
  return (
    <Text size="sm" c="dimmed" data-testid="check-status">
      {parts.join(' · ')}
    </Text>
  );
}
