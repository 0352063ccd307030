import { useState, type FocusEvent } from 'react';
import type { Guid } from '../../../core/lib/guid';
import { useNarrowScreen } from '../../lib/use-narrow-screen';
import { heldOrder } from './held-order';
import { WatchBoardCards } from './watch-board-cards';
import { WatchBoardTable, type WatchedActionsProps } from './watch-board-table';

type Holder = 'pointer' | 'focus';

/**
 * The board's actions as a table on a wide screen and as cards on a phone (useNarrowScreen). While the
 * pointer or the keyboard's focus is on them, the rows keep their places (heldOrder): a finish re-sorts
 * them once the analyst moves away.
 */
export function WatchedActions({ rows, ...props }: WatchedActionsProps) {
  const narrow = useNarrowScreen();
  // The order on screen when the pointer or focus came, kept while either stays.
  const [held, setHeld] = useState<{ order: readonly Guid[]; by: ReadonlySet<Holder> }>();
  const hold = (holder: Holder) => setHeld((current) => ({ order: current?.order ?? rows.map((row) => row.id), by: new Set([...(current?.by ?? []), holder]) }));
  const release = (holder: Holder) =>
    setHeld((current) => {
      const by = new Set([...(current?.by ?? [])].filter((other) => other !== holder));
      return current && by.size > 0 ? { order: current.order, by } : undefined;
    });
  const ordered = held ? heldOrder(held.order, rows) : rows;
  const onBlur = (event: FocusEvent<HTMLDivElement>) => {
    if (!(event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget))) release('focus');
  };
  return (
    <div onPointerEnter={() => hold('pointer')} onPointerLeave={() => release('pointer')} onFocus={() => hold('focus')} onBlur={onBlur} data-testid="watched-actions">
      {narrow ? <WatchBoardCards rows={ordered} {...props} /> : <WatchBoardTable rows={ordered} {...props} />}
    </div>
  );
}
