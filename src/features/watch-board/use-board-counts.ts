import { useTick } from '../../lib/use-tick';
import { countForBoard, type BoardCounts } from './board-counts';
import type { BoardRow } from './board-rows';
import { rowTickMs } from './row-times';

/**
 * The board's counts, moving on with the rows' own clock: a row turns late as time passes, with no new read.
 * The summary and the tab's title share the tick, so they count the same rows at the same moment.
 */
export function useBoardCounts(rows: readonly BoardRow[]): BoardCounts {
  return countForBoard(rows, useTick(rowTickMs));
}
