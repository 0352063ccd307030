import { Table } from '@mantine/core';
import type { LiveResponseCommand } from '../../../core/defender/machine-action';
import { ActionStatusBadge } from '../../action-ui/action-status-badge';
import { commandKey, commandWords } from './command-words';

/** The commands on a wide screen, one row each (a phone gets live-response-command-cards.tsx). */
export function LiveResponseCommandTable({ commands }: { commands: LiveResponseCommand[] }) {
  return (
    <Table striped withTableBorder aria-label="Live response commands">
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
        {commands.map((command, position) => {
          const words = commandWords(command, position);
          return (
            <Table.Tr key={commandKey(command, position)}>
              <Table.Td>{words.number}</Table.Td>
              <Table.Td>{words.type}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{command.status ? <ActionStatusBadge status={command.status} size="md" /> : '—'}</Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{words.parameters}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{words.ended}</Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{words.errors}</Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
