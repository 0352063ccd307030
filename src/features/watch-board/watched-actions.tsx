import { useMediaQuery } from '@mantine/hooks';
import { WatchBoardCards } from './watch-board-cards';
import { WatchBoardTable, type WatchedActionsProps } from './watch-board-table';

// Mantine's `sm` breakpoint, as in the header (app-layout.module.css): below it the table would scroll sideways.
const narrowScreen = '(width < 48em)';

/**
 * The board's actions as a table on a wide screen and as cards on a phone. One or the other is rendered,
 * never both hidden by CSS: each row is one element for assistive technology and for tests. Read at the
 * first render, so that a phone never paints the table first.
 */
export function WatchedActions(props: WatchedActionsProps) {
  const narrow = useMediaQuery(narrowScreen, undefined, { getInitialValueInEffect: false });
  return narrow ? <WatchBoardCards {...props} /> : <WatchBoardTable {...props} />;
}
