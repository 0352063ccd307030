import { Anchor, Group, List, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { ActionStatusBadge } from '../../action-ui/action-status-badge';
import { describeActionType } from '../../action-ui/action-type-words';
import { describeProblem } from '../../action-ui/describe-problem';
import type { RecentlyWatched } from '../../action-ui/recently-watched';
import type { ActionWatch } from '../../../core/polling/watch/watch-state';
import { formatRelative } from '../../lib/time';
import type { StartPageWatches } from './use-start-page-watches';

/** One line: its status, what and where once read; until then (or if it cannot be read) its ID, and why. */
function WatchedLine({ entry, watch, now }: { entry: RecentlyWatched; watch: ActionWatch | undefined; now: number }) {
  const action = watch?.action;
  const when = (
    <Text span c="dimmed" size="sm">
      {` · watched ${formatRelative(entry.at, now)}`}
    </Text>
  );
  if (!action) {
    return (
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        <Anchor component={Link} to={`/actions/${entry.id}`} ff="monospace" size="sm" underline="always">
          {entry.id}
        </Anchor>
        {watch?.failure && <Text span size="sm">{` · ${describeProblem(watch.failure.problem).title}`}</Text>}
        {when}
      </Text>
    );
  }
  return (
    <Group gap="sm" wrap="nowrap" align="center">
      <ActionStatusBadge status={action.status} size="md" />
      <Text size="sm" style={{ overflowWrap: 'anywhere', flex: 1 }}>
        <Anchor component={Link} to={`/actions/${entry.id}`} underline="always">
          {describeActionType(action.type, action.scope)}
        </Anchor>{' '}
        on {action.computerDnsName ?? action.machineId ?? 'an unknown device'}
        <Text span ff="monospace" size="xs" c="dimmed">{` ${entry.id.slice(0, 8)}`}</Text>
        {when}
      </Text>
    </Group>
  );
}

/** The actions this browser opened or put on the board lately: from this browser's list, each read afresh. */
export function WatchedLately({ watches, now }: { watches: StartPageWatches; now: number }) {
  if (watches.recent.length === 0) return null;
  return (
    <section aria-labelledby="watched-lately">
      <Title order={2} size="h4" id="watched-lately" mb="xs">
        Watched lately in this browser
      </Title>
      <List size="sm" spacing={6} listStyleType="none" data-testid="watched-lately">
        {watches.recent.map((entry) => (
          <List.Item key={entry.id} data-testid="watched-lately-entry">
            <WatchedLine entry={entry} watch={watches.watchOf(entry.id)} now={now} />
          </List.Item>
        ))}
      </List>
    </section>
  );
}
