import { Anchor, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ActionStatusBadge } from '../../action-ui/action-status-badge';
import { describeActionType } from '../../action-ui/action-type-words';
import { describeProblem } from '../../action-ui/describe-problem';
import { isFinalStatus } from '../../../core/defender/action-status';
import { useDefender } from '../../api/defender-context';
import { isDefenderRequestError } from '../../../core/defender/defender-problem';
import type { MachineAction } from '../../../core/defender/machine-action';
import { toGuid } from '../../../core/lib/guid';
import { formatRelative } from '../../lib/time';
import { actionQueries } from '../../polling/react/action-queries';
import { usePoller } from '../../polling/react/poller-provider';

const dayMs = 24 * 60 * 60_000;

/** Running actions first, then the rest; newest first within each. */
export function runningFirst(actions: readonly MachineAction[]): MachineAction[] {
  const created = (action: MachineAction) => action.createdAt?.getTime() ?? 0;
  return [...actions].sort((a, b) => Number(isFinalStatus(a.status)) - Number(isFinalStatus(b.status)) || created(b) - created(a));
}

function ActionLine({ action, now }: { action: MachineAction; now: number }) {
  const id = toGuid(action.id);
  const what = describeActionType(action.type, action.scope);
  return (
    <Group gap="sm" wrap="nowrap" data-testid="recent-action" align="center">
      <ActionStatusBadge status={action.status} size="md" />
      <Text size="sm" style={{ overflowWrap: 'anywhere', flex: 1 }}>
        {id ? (
          <Anchor component={Link} to={`/actions/${id}`} underline="always">
            {what}
          </Anchor>
        ) : (
          what
        )}{' '}
        on {action.computerDnsName ?? action.machineId ?? 'an unknown device'}
        {action.createdAt && <Text span c="dimmed" size="sm">{` · ${formatRelative(action.createdAt.getTime(), now)}`}</Text>}
      </Text>
    </Group>
  );
}

/** "Your recent actions": what the signed-in analyst requested in the last day, read once through the budget. */
export function YourRecentActions({ requestor, now }: { requestor: string; now: number }) {
  const defender = useDefender();
  const { budgeted } = usePoller();
  const query = useQuery(
    actionQueries.requestedBy(requestor, (signal) => budgeted(() => defender.getActionsRequestedBy(requestor, new Date(Date.now() - dayMs), signal))),
  );
  return (
    <section aria-labelledby="your-recent-actions">
      <Title order={2} size="h4" id="your-recent-actions" mb="xs">
        Your recent actions
      </Title>
      {query.isPending && (
        <Group gap="xs" role="status">
          <Loader size="xs" aria-hidden />
          <Text size="sm">Looking up what you requested in the last day…</Text>
        </Group>
      )}
      {query.isError && (
        <Text size="sm" role="alert">
          {isDefenderRequestError(query.error) ? describeProblem(query.error.problem).message : 'Your recent actions could not be read.'} The
          field above still works.
        </Text>
      )}
      {query.data?.length === 0 && (
        <Text size="sm" data-testid="no-recent-actions">
          Defender lists no action requested by {requestor} in the last day. If yours were requested under another name (a guest account,
          an automation), paste their IDs above.
        </Text>
      )}
      {query.data && query.data.length > 0 && (
        <Stack gap={6}>
          {runningFirst(query.data).map((action) => (
            <ActionLine key={action.id} action={action} now={now} />
          ))}
        </Stack>
      )}
    </section>
  );
}
