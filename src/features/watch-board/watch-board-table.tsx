import { Anchor, Button, Table, VisuallyHidden } from '@mantine/core';
import { memo } from 'react';
import { Link } from 'react-router';
import type { Guid } from '../../../core/lib/guid';
import { actionTypeWords, describeActionType } from '../../action-ui/action-type-words';
import type { HistoryReading } from '../../../core/polling/history/duration-history';
import type { ActionWatch } from '../../../core/polling/watch/watch-state';
import { BreakableName } from './breakable-name';
import { lastChangeAt, type BoardRow } from './board-rows';
import { FailureReason, FinishedAwayMark } from './row-marks';
import { rowStatus, searchedEverywhere, sameOnRow, shownAction } from './row-status';
import { RowDuration, TimeAgo } from './row-times';
import { ShortActionId } from './short-action-id';
import { WatchRowStatus } from './watch-row-status';
import classes from './watch-board-table.module.css';

export interface WatchedActionsProps {
  rows: BoardRow[];
  /** The analyst watches several customers' tenants: each row names its customer. */
  customers: boolean;
  onRemove: (id: Guid) => void;
  /** The analyst opens a row's action page: what it marked as news is looked at. */
  onOpen: (id: Guid) => void;
}

export interface WatchedRowProps {
  id: Guid;
  watch: ActionWatch | undefined;
  /** The same object while the history is unchanged (history-cache.ts), so that the row stays memoised. */
  history: HistoryReading | undefined;
  finishedAway: boolean;
  /** Its customer's name; undefined while looked up, or when the board watches one tenant (`customers`). */
  customer: string | undefined;
  customers: boolean;
  onRemove: (id: Guid) => void;
  onOpen: (id: Guid) => void;
}

/** Whether a row (or card) would draw the same: its action's record saying the same (sameOnRow), the rest the same objects. */
export function sameRowProps(before: WatchedRowProps, after: WatchedRowProps): boolean {
  return (
    before.id === after.id &&
    before.history === after.history &&
    before.finishedAway === after.finishedAway &&
    before.customer === after.customer &&
    before.customers === after.customers &&
    before.onRemove === after.onRemove &&
    before.onOpen === after.onOpen &&
    sameOnRow(before.watch, after.watch)
  );
}

/** What a row (or a card) is drawn from: the row's own, and the board's. */
export function rowProps(row: BoardRow, board: Omit<WatchedActionsProps, 'rows'>): WatchedRowProps {
  return { id: row.id, watch: row.watch, history: row.history, finishedAway: row.finishedAway ?? false, customer: row.customer, ...board };
}

/**
 * One row, drawn again only when what it says of its action changes (the poller writes a new one per check):
 * a board of 500 must answer a click at once, whatever the other rows do.
 */
const WatchBoardRow = memo(function WatchBoardRow({ id, watch, history, finishedAway, customer, customers, onRemove, onOpen }: WatchedRowProps) {
  const status = rowStatus(watch);
  const action = shownAction(status);
  const created = action?.createdAt?.getTime();
  const device = action?.computerDnsName ?? action?.machineId;
  return (
    <Table.Tr data-testid="watch-row" data-action-id={id} data-finished-away={finishedAway || undefined} className={classes.row}>
      <Table.Td className={classes.status}>
        <WatchRowStatus status={status} history={history} />
        {finishedAway && <FinishedAwayMark />}
      </Table.Td>
      <Table.Td className={classes.what}>
        <Anchor component={Link} to={`/actions/${id}`} onClick={() => onOpen(id)} className={action ? classes.name : classes.id}>
          {action ? describeActionType(action.type, action.scope) : id}
        </Anchor>
        {action && <ShortActionId id={id} />}
        {action && <FailureReason action={action} />}
      </Table.Td>
      {customers && (
        <Table.Td className={classes.name} data-testid="row-customer">
          {customer ?? <span className="muted">{searchedEverywhere(watch) ? 'none of yours' : 'looking up'}</span>}
        </Table.Td>
      )}
      <Table.Td className={classes.name}>{device ? <BreakableName name={device} /> : '—'}</Table.Td>
      <Table.Td className={classes.name}>{action?.requestor ? <BreakableName name={action.requestor} /> : '—'}</Table.Td>
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
export function WatchBoardTable({ rows, customers, onRemove, onOpen }: WatchedActionsProps) {
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped withTableBorder aria-label="Watched actions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col">Action</Table.Th>
            {customers && <Table.Th scope="col">Customer</Table.Th>}
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
            <WatchBoardRow key={row.id} {...rowProps(row, { customers, onRemove, onOpen })} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
