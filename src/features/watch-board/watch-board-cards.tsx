import { Anchor, Button, Text } from '@mantine/core';
import { memo } from 'react';
import { Link } from 'react-router';
import { actionTypeWords, describeActionType } from '../../action-ui/action-type-words';
import { BreakableName } from './breakable-name';
import { FailureReason, FinishedAwayMark } from './row-marks';
import { rowStatus, searchedEverywhere, shownAction } from './row-status';
import { RowDuration } from './row-times';
import { ShortActionId } from './short-action-id';
import { rowProps, sameRowProps, type WatchedActionsProps, type WatchedRowProps } from './watch-board-table';
import { WatchRowStatus } from './watch-row-status';
import classes from './watch-board-cards.module.css';

/** One card, drawn again only when its action's record changes, as a table row is. */
const WatchBoardCard = memo(function WatchBoardCard({ id, watch, history, finishedAway, customer, customers, onRemove, onOpen }: WatchedRowProps) {
  const status = rowStatus(watch);
  const action = shownAction(status);
  const device = action?.computerDnsName ?? action?.machineId;
  return (
    <li className={classes.card} data-testid="watch-row" data-action-id={id} data-finished-away={finishedAway || undefined}>
      <div className={classes.top}>
        <div>
          <WatchRowStatus status={status} history={history} />
          {finishedAway && <FinishedAwayMark />}
        </div>
        <Button variant="default" size="xs" onClick={() => onRemove(id)} aria-label={`Remove ${action ? actionTypeWords(action.type) : 'action'} ${id}`}>
          Remove
        </Button>
      </div>
      <Anchor component={Link} to={`/actions/${id}`} onClick={() => onOpen(id)} fw={600} className={classes.what}>
        {action ? describeActionType(action.type, action.scope) : id}
      </Anchor>
      {action && <ShortActionId id={id} />}
      {action && <FailureReason action={action} />}
      {customers && (
        <Text size="sm" fw={600} data-testid="row-customer">
          {customer ?? (searchedEverywhere(watch) ? 'In none of your tenants' : 'Looking up its tenant')}
        </Text>
      )}
      <Text size="sm" className={classes.wraps}>
        {action ? device ? <BreakableName name={device} /> : 'Unknown device' : '—'}
      </Text>
      <Text size="sm" c="dimmed" data-testid="duration">
        <RowDuration status={status} history={history} />
      </Text>
    </li>
  );
}, sameRowProps);

/**
 * Every watched action on a phone, one card each: the table's first questions (how is it doing, what is
 * it, on which device, for how long) without scrolling sideways. The action page has the rest.
 */
export function WatchBoardCards({ rows, customers, onRemove, onOpen }: WatchedActionsProps) {
  return (
    <ul className={classes.cards} aria-label="Watched actions">
      {rows.map((row) => (
        <WatchBoardCard key={row.id} {...rowProps(row, { customers, onRemove, onOpen })} />
      ))}
    </ul>
  );
}
