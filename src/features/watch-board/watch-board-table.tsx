import { Anchor, Button, Table, VisuallyHidden } from '@mantine/core';
import { Link } from 'react-router';
import type { Guid } from '../../lib/guid';
import { actionTypeWords, describeActionType } from '../../action-ui/action-type-words';
import { formatRelative } from '../../lib/time';
import { lastChangeAt, type BoardRow } from './board-rows';
import { describeDuration, rowStatus, shownAction } from './row-status';
import { WatchRowStatus } from './watch-row-status';
import classes from './watch-board-table.module.css';

export interface WatchedActionsProps {
  rows: BoardRow[];
  now: number;
  onRemove: (id: Guid) => void;
}

/** Every watched action on a wide screen: status, what, where, who, and when it last changed. */
export function WatchBoardTable({ rows, now, onRemove }: WatchedActionsProps) {
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
            <Table.Th scope="col">Duration</Table.Th>
            <Table.Th scope="col">
              <VisuallyHidden>Remove</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => {
            const status = rowStatus(row.watch);
            const action = shownAction(status);
            const changed = lastChangeAt(row.watch);
            return (
              <Table.Tr key={row.id} data-testid="watch-row" data-action-id={row.id}>
                <Table.Td className={classes.status}>
                  <WatchRowStatus status={status} now={now} />
                </Table.Td>
                <Table.Td className={classes.wraps}>
                  <Anchor component={Link} to={`/actions/${row.id}`}>
                    {action ? describeActionType(action.type, action.scope) : row.id}
                  </Anchor>
                </Table.Td>
                <Table.Td className={classes.wraps}>{action?.computerDnsName ?? action?.machineId ?? '—'}</Table.Td>
                <Table.Td className={classes.wraps}>{action?.requestor ?? '—'}</Table.Td>
                <Table.Td className={classes.oneLine}>{action?.createdAt ? formatRelative(action.createdAt.getTime(), now) : '—'}</Table.Td>
                <Table.Td className={classes.oneLine}>{changed !== undefined ? formatRelative(changed, now) : '—'}</Table.Td>
                <Table.Td className={classes.oneLine} data-testid="duration">
                  {describeDuration(status, now)}
                </Table.Td>
                <Table.Td>
                  <Button variant="default" size="xs" onClick={() => onRemove(row.id)} aria-label={`Stop watching ${action ? actionTypeWords(action.type) : 'action'} ${row.id}`}>
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
