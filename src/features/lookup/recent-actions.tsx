import { Anchor, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ActionStatusBadge } from '../../action-ui/action-status-badge';
import { describeActionType } from '../../action-ui/action-type-words';
import { describeProblem } from '../../action-ui/describe-problem';
import { isFinalStatus } from '../../../core/defender/action-status';
import { useDefenders } from '../../api/defenders';
import { useSettings } from '../../config/settings-context';
import { rememberTenants } from '../../polling/tenants/action-tenants';
import { isDefenderRequestError } from '../../../core/defender/defender-problem';
import type { MachineAction } from '../../../core/defender/machine-action';
import { toGuid, type Guid } from '../../../core/lib/guid';
import { formatRelative } from '../../lib/time';
import { actionQueries } from '../../polling/react/action-queries';
import { usePoller } from '../../polling/react/poller-provider';

const dayMs = 24 * 60 * 60_000;

/** Running actions first, then the rest; newest first within each. */
export function runningFirst(actions: readonly MachineAction[]): MachineAction[] {
  const created = (action: MachineAction) => action.createdAt?.getTime() ?? 0;
  return [...actions].sort((a, b) => Number(isFinalStatus(a.status)) - Number(isFinalStatus(b.status)) || created(b) - created(a));
}

function ActionLine({ action, customer, now }: { action: MachineAction; customer?: string; now: number }) {
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
        {customer && <Text span size="sm" fw={600}>{` (${customer})`}</Text>}
        {action.createdAt && <Text span c="dimmed" size="sm">{` · ${formatRelative(action.createdAt.getTime(), now)}`}</Text>}
      </Text>
    </Group>
  );
}

/**
 * "Your recent actions": what the signed-in analyst requested in the last day, in every tenant, read once
 * per tenant through that tenant's budget. A tenant that cannot be read says so in a line of its own.
 */
export function YourRecentActions({ requestor, now }: { requestor: string; now: number }) {
  const defenders = useDefenders();
  const { tenants } = useSettings();
  const { budgeted } = usePoller();
  const named = tenants.length > 1;
  const queries = useQueries({
    queries: tenants.map((tenant) =>
      actionQueries.requestedBy(tenant.id, requestor, async (signal) => {
        const actions = await budgeted(tenant.id, () => defenders.of(tenant.id).getActionsRequestedBy(requestor, new Date(Date.now() - dayMs), signal));
        // Each is in this tenant: opening one asks it there, with no lookup in the others.
        if (named) rememberTenants(actions.flatMap((action) => (toGuid(action.id) ? [[toGuid(action.id)!, tenant.id] as [Guid, string]] : [])));
        return actions;
      }),
    ),
  });
  const customerOf = new Map(queries.flatMap((query, index) => (named ? (query.data ?? []).map((action) => [action.id, tenants[index].name] as const) : [])));
  const failed = queries.flatMap((query, index) => (query.isError ? [{ tenant: tenants[index], error: query.error }] : []));
  const pending = queries.some((query) => query.isPending);
  const actions = queries.flatMap((query) => query.data ?? []);
  const query = { isPending: pending && actions.length === 0, data: pending && actions.length === 0 ? undefined : actions };
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
      {failed.map(({ tenant, error }) => (
        <Text size="sm" role="alert" key={tenant.id}>
          {named ? `${tenant.name}: ` : ''}
          {isDefenderRequestError(error) ? describeProblem(error.problem).message : 'Your recent actions could not be read.'} The field above still
          works.
        </Text>
      ))}
      {query.data?.length === 0 && failed.length < tenants.length && (
        <Text size="sm" data-testid="no-recent-actions">
          Defender lists no action requested by {requestor} in the last day. If yours were requested under another name (a guest account,
          an automation), paste their IDs above.
        </Text>
      )}
      {query.data && query.data.length > 0 && (
        <Stack gap={6}>
          {runningFirst(query.data).map((action) => (
            <ActionLine key={action.id} action={action} customer={customerOf.get(action.id)} now={now} />
          ))}
        </Stack>
      )}
    </section>
  );
}
