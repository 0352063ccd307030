import { Anchor, Button, Text } from '@mantine/core';
import { Link } from 'react-router';
import { actionTypeWords, describeActionType } from '../../action-ui/action-type-words';
import { describeDuration, rowStatus, shownAction } from './row-status';
import type { WatchedActionsProps } from './watch-board-table';
import { WatchRowStatus } from './watch-row-status';
import classes from './watch-board-cards.module.css';

/**
 * Every watched action on a phone, one card each: the table's first questions (how is it doing, what is
 * it, on which device, for how long) without scrolling sideways. The action page has the rest.
 */
export function WatchBoardCards({ rows, now, onRemove }: WatchedActionsProps) {
  return (
    <ul className={classes.cards} aria-label="Watched actions">
      {rows.map((row) => {
        const status = rowStatus(row.watch);
        const action = shownAction(status);
        return (
          <li key={row.id} className={classes.card} data-testid="watch-row" data-action-id={row.id}>
            <div className={classes.top}>
              <WatchRowStatus status={status} now={now} />
              <Button variant="default" size="xs" onClick={() => onRemove(row.id)} aria-label={`Stop watching ${action ? actionTypeWords(action.type) : 'action'} ${row.id}`}>
                Remove
              </Button>
            </div>
            <Anchor component={Link} to={`/actions/${row.id}`} fw={600} className={classes.what}>
              {action ? describeActionType(action.type, action.scope) : row.id}
            </Anchor>
            <Text size="sm" className={classes.wraps}>
              {action ? (action.computerDnsName ?? action.machineId ?? 'Unknown device') : '—'}
            </Text>
            <Text size="sm" c="dimmed" data-testid="duration">
              {describeDuration(status, now)}
            </Text>
          </li>
        );
      })}
    </ul>
  );
}
