import { Table, Title } from '@mantine/core';
import type { LiveResponseCommand } from '../../../core/defender/machine-action';
import { formatLocal } from '../../lib/time';
import { ActionStatusBadge } from '../../action-ui/action-status-badge';

/** Live response commands each carry their own status (Created, Completed, Failed). */
export function LiveResponseCommands({ commands }: { commands: LiveResponseCommand[] }) {
  if (commands.length === 0) return null;
  return (
    <section aria-labelledby="commands-heading">
      <Title order={3} id="commands-heading" size="h4" mb="xs">
        Live response commands
      </Title>
      {/* On a phone the table scrolls sideways: its viewport takes the focus, so a keyboard can scroll it too. */}
      <Table.ScrollContainer minWidth={480} scrollAreaProps={{ viewportProps: { tabIndex: 0, role: 'region', 'aria-label': 'Live response commands table' } }}>
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">#</Table.Th>
              <Table.Th scope="col">Command</Table.Th>
              <Table.Th scope="col">Status</Table.Th>
              <Table.Th scope="col">Parameters</Table.Th>
              <Table.Th scope="col">Ended</Table.Th>
              <Table.Th scope="col">Errors</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {commands.map((command, position) => (
              <Table.Tr key={command.index ?? `position-${position}`}>
                <Table.Td>{command.index ?? position}</Table.Td>
                <Table.Td>{command.type ?? '—'}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{command.status ? <ActionStatusBadge status={command.status} size="md" /> : '—'}</Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{command.params.map((param) => `${param.key}=${param.value}`).join(', ') || '—'}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{command.endedAt ? formatLocal(command.endedAt) : '—'}</Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{command.errors.join('; ') || '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </section>
  );
}
