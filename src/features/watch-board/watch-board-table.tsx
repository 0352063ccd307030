import { Anchor, Button, Table, VisuallyHidden } from '@mantine/core';
import { memo } from 'react';
import { Link } from 'react-router';
import type { Guid } from '../../../core/lib/guid';
import { actionTypeWords, describeActionType } from '../../action-ui/action-type-words';
import type { HistoryReading } from '../../../core/polling/history/duration-history';
import type { ActionWatch } from '../../../core/polling/watch/watch-state';
import { lastChangeAt, type BoardRow } from './board-rows';
import { rowStatus, sameOnRow, shownAction } from './row-status';
import { RowDuration, TimeAgo } from './row-times';
import { WatchRowStatus } from './watch-row-status';
import classes from './watch-board-table.module.css';

export interface WatchedActionsProps {
  rows: BoardRow[];
  onRemove: (id: Guid) => void;
}

export interface WatchedRowProps {
  id: Guid;
  watch: ActionWatch | undefined;
  /** The same object while the history is unchanged (history-cache.ts), so that the row stays memoised. */
  history: HistoryReading | undefined;
  onRemove: (id: Guid) => void;
}

/** Whether a row (or card) would draw the same: its action's record saying the same (sameOnRow), the rest the same objects. */
export function sameRowProps(before: WatchedRowProps, after: WatchedRowProps): boolean {
  return before.id === after.id && before.history === after.history && before.onRemove === after.onRemove && sameOnRow(before.watch, after.watch);
}

/**
 * One row, drawn again only when what it says of its action changes (the poller writes a new one per check):
 * a board of 500 must answer a click at once, whatever the other rows do.
 */
const WatchBoardRow = memo(function WatchBoardRow({ id, watch, history, onRemove }: WatchedRowProps) {
  const status = rowStatus(watch);
  const action = shownAction(status);
  const created = action?.createdAt?.getTime();
  return (
    <Table.Tr data-testid="watch-row" data-action-id={id}>
      <Table.Td className={classes.status}>
        <WatchRowStatus status={status} history={history} />
      </Table.Td>
      <Table.Td className={classes.wraps}>
        <Anchor component={Link} to={`/actions/${id}`}>
          {action ? describeActionType(action.type, action.scope) : id}
        </Anchor>
      </Table.Td>
      <Table.Td className={classes.wraps}>{action?.computerDnsName ?? action?.machineId ?? '—'}</Table.Td>
      <Table.Td className={classes.wraps}>{action?.requestor ?? '—'}</Table.Td>
      <Table.Td className={classes.oneLine}>
        <TimeAgo time={created} />
      </Table.Td>
      <Table.Td className={classes.oneLine}>
        <TimeAgo time={lastChangeAt(watch)} />
      </Table.Td>
      <Table.Td className={classes.duration} data-testid="duration">
        <RowDuration status={status} history={history} />
      </Table.Td>
      <Table.Td>
        <Button variant="default" size="xs" onClick={() => onRemove(id)} aria-label={`Remove ${action ? actionTypeWords(action.type) : 'action'} ${id}`}>
          Remove
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}, sameRowProps);

/** Every watched action on a wide screen: status, what, where, who, and when it last changed. */
export function WatchBoardTable({ rows, onRemove }: WatchedActionsProps) {
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
          {rows.map((row) => (
            <WatchBoardRow key={row.id} id={row.id} watch={row.watch} history={row.history} onRemove={onRemove} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
