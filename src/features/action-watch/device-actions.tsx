import { Anchor, Button, Group, Loader, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { useDefender } from '../../api/defender-context';
import { isDefenderRequestError } from '../../../core/defender/defender-problem';
import { toGuid } from '../../../core/lib/guid';
import { formatRelative } from '../../lib/time';
import { actionQueries } from '../../polling/react/action-queries';
import { usePoller } from '../../polling/react/poller-provider';
import { ActionStatusBadge } from '../../action-ui/action-status-badge';
import { actionTypeWords } from '../../action-ui/action-type-words';
import { describeProblem } from '../../action-ui/describe-problem';

/** The last 10 actions on the same device, newest first, each a click away: read only when asked for. */
export function DeviceActions({ machineId, currentId, now, onWatch }: { machineId: string; currentId: string; now: number; onWatch: (id: string) => void }) {
  const [shown, setShown] = useState(false);
  const defender = useDefender();
  const { budgeted } = usePoller();
  const query = useQuery({
    ...actionQueries.deviceActions(machineId, (signal) => budgeted(() => defender.getDeviceActions(machineId, signal))),
    enabled: shown,
  });
  return (
    <section aria-labelledby="device-actions-heading">
      <Group gap="sm" mb="xs">
        <Title order={2} id="device-actions-heading" size="h4">
          Recent actions on this device
        </Title>
        {!shown && (
          <Button variant="default" size="xs" onClick={() => setShown(true)}>
            Show the last 10
          </Button>
        )}
      </Group>
      {shown && query.isPending && <Loader size="sm" aria-label="Loading the device's actions" />}
      {query.isError && (
        <Text size="sm" role="alert">
          {isDefenderRequestError(query.error) ? describeProblem(query.error.problem).message : 'The device’s actions could not be read.'}
        </Text>
      )}
      {query.data && (
        <Table.ScrollContainer minWidth={560}>
          <Table striped withTableBorder aria-label="Recent actions on this device" data-testid="device-actions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Status</Table.Th>
                <Table.Th scope="col">Action</Table.Th>
                <Table.Th scope="col">Requestor</Table.Th>
                <Table.Th scope="col">Created</Table.Th>
                <Table.Th scope="col">Watch</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.map((action) => {
                const id = toGuid(action.id);
                return (
                  <Table.Tr key={action.id}>
                    <Table.Td>
                      <ActionStatusBadge status={action.status} size="md" />
                    </Table.Td>
                    <Table.Td>{id ? <Anchor component={Link} to={`/actions/${id}`}>{actionTypeWords(action.type)}</Anchor> : actionTypeWords(action.type)}</Table.Td>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>{action.requestor ?? '—'}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{action.createdAt ? formatRelative(action.createdAt.getTime(), now) : '—'}</Table.Td>
                    <Table.Td>
                      {id && id !== currentId ? (
                        <Button variant="default" size="xs" onClick={() => onWatch(id)} aria-label={`Watch ${actionTypeWords(action.type)} ${id} on the board`}>
                          Watch
                        </Button>
                      ) : (
                        <Text size="xs">this one</Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </section>
  );
}
