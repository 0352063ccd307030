import { Table } from '@mantine/core';
import { ActionStatusBadge } from '../../action-ui/action-status-badge';
import { createdWords, DeviceActionLink, DeviceActionWatch, type DeviceActionListProps } from './device-action-parts';

/** The device's recent actions on a wide screen, one row each (a phone gets device-action-cards.tsx). */
export function DeviceActionTable({ actions, currentId, now, onWatch }: DeviceActionListProps) {
  return (
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
        {actions.map((action) => (
          <Table.Tr key={action.id}>
            <Table.Td>
              <ActionStatusBadge status={action.status} size="md" />
            </Table.Td>
            <Table.Td>
              <DeviceActionLink action={action} />
            </Table.Td>
            <Table.Td style={{ overflowWrap: 'anywhere' }}>{action.requestor ?? '—'}</Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{createdWords(action, now)}</Table.Td>
            <Table.Td>
              <DeviceActionWatch action={action} currentId={currentId} onWatch={onWatch} thisOne="this one" />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
