import { Anchor, List, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { loadRecentlyWatched } from '../../action-ui/recently-watched';
import { formatRelative } from '../../lib/time';

/** The actions this browser opened or put on the board lately: IDs and times, from this browser only. */
export function WatchedLately({ now }: { now: number }) {
  const [entries] = useState(() => loadRecentlyWatched(window.localStorage).slice(0, 10));
  if (entries.length === 0) return null;
  return (
    <section aria-labelledby="watched-lately">
      <Title order={2} size="h4" id="watched-lately" mb="xs">
        Watched lately in this browser
      </Title>
      <List size="sm" spacing={4} data-testid="watched-lately">
        {entries.map((entry) => (
          <List.Item key={entry.id}>
            <Anchor component={Link} to={`/actions/${entry.id}`} ff="monospace" size="sm" underline="always" style={{ overflowWrap: 'anywhere' }}>
              {entry.id}
            </Anchor>{' '}
            <Text span c="dimmed" size="sm">
              {formatRelative(entry.at, now)}
            </Text>
          </List.Item>
        ))}
      </List>
    </section>
  );
}
