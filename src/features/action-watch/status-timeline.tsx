import { List, Text, Title } from '@mantine/core';
import { formatClock, formatDuration, formatUtc } from '../../lib/time';
import type { StatusChange } from '../../../core/polling/watch/watch-state';
import { statusLabel } from '../../action-ui/status-tone';

/** Pending 10:02:11 → In progress 10:02:40 (29 s) → Succeeded 10:03:05 (25 s): the changes this app saw. */
export function StatusTimeline({ history }: { history: readonly StatusChange[] }) {
  if (history.length < 2) return null;
  return (
    <section aria-labelledby="timeline-heading">
      <Title order={2} id="timeline-heading" size="h4" mb="xs">
        Status timeline
      </Title>
      <List spacing={4} size="sm" data-testid="status-timeline">
        {history.map((change, index) => {
          const previous = history[index - 1];
          return (
            <List.Item key={`${change.status}-${change.at}`}>
              <Text span fw={600} size="sm">
                {statusLabel(change.status)}
              </Text>{' '}
              <time dateTime={new Date(change.at).toISOString()} title={formatUtc(new Date(change.at))}>
                {formatClock(change.at)}
              </time>
              {previous && <Text span c="dimmed" size="sm">{` after ${formatDuration(change.at - previous.at)}`}</Text>}
            </List.Item>
          );
        })}
      </List>
    </section>
  );
}
