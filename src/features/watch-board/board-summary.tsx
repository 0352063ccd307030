import { Text } from '@mantine/core';
import { describeCounts } from './board-counts';
import type { BoardRow } from './board-rows';
import { useBoardCounts } from './use-board-counts';

/** "3 running (1 late) · 1 succeeded · 0 need attention · 1 can't be read": its own component, so the tick re-renders it, not the board. */
export function BoardSummary({ rows }: { rows: readonly BoardRow[] }) {
  return (
    <Text size="sm" data-testid="board-counts">
      {describeCounts(useBoardCounts(rows))}
    </Text>
  );
}
