import { Anchor, Button, Table, Text, VisuallyHidden } from '@mantine/core';
import { Link } from 'react-router';
import type { Guid } from '../../lib/guid';
import { formatRelative } from '../../lib/time';
import { isLongPending } from '../../polling/watch-cadence';
import { ActionStatusBadge } from '../action-watch/action-status-badge';
import { describeProblem } from '../action-watch/describe-problem';
import { lastChangeAt, type BoardRow } from './board-rows';

function StatusCell({ row }: { row: BoardRow }) {
  const { watch } = row;
  if (watch?.action) return <ActionStatusBadge status={watch.action.status} size="md" testId="action-status" />;
  if (watch?.failure) return <Text size="sm">{describeProblem(watch.failure.problem).title}</Text>;
  return <Text size="sm">Looking up…</Text>;
}

/** Every watched action: status, what, where, who, and when it last changed. */
export function WatchBoardTable({ rows, now, onRemove }: { rows: BoardRow[]; now: number; onRemove: (id: Guid) => void }) {
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped withTableBorder aria-label="Watched actions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col">Action</Table.Th>
            <Table.Th scope="col">Device</Table.Th>
            <Table.Th scope="col">Requestor</Table.Th>
            <Table.Th scope="col">Created</Table.Th>
            <Table.Th scope="col">Last change</Table.Th>
            <Table.Th scope="col">
              <VisuallyHidden>Remove</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => {
            const action = row.watch?.action;
            const changed = lastChangeAt(row.watch);
            return (
              <Table.Tr key={row.id} data-testid="watch-row" data-action-id={row.id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <StatusCell row={row} />
                  {action && isLongPending(action, now) && (
                    <Text size="xs" c="gray.7" maw={220} style={{ whiteSpace: 'normal' }}>
                      Pending over 10 min: the device may be offline; Defender retries an isolation for up to three days.
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/actions/${row.id}`} style={{ overflowWrap: 'anywhere' }}>
                    {action ? `${action.type}${action.scope ? ` (${action.scope})` : ''}` : row.id}
                  </Anchor>
                </Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{action?.computerDnsName ?? action?.machineId ?? '—'}</Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{action?.requestor ?? '—'}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{action?.createdAt ? formatRelative(action.createdAt.getTime(), now) : '—'}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{changed !== undefined ? formatRelative(changed, now) : '—'}</Table.Td>
                <Table.Td>
                  <Button variant="default" size="xs" onClick={() => onRemove(row.id)} aria-label={`Stop watching ${action?.type ?? 'action'} ${row.id}`}>
                    Remove
                  </Button>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
