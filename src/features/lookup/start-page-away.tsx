import { Button } from '@mantine/core';
import { Link } from 'react-router';
import { AwaySummary } from '../../action-ui/away/away-summary';
import { useAwayFinishes } from '../../action-ui/away/use-away-finishes';
import { appTitle, usePageTitle } from '../../lib/use-page-title';
import type { StartPageWatches } from './use-start-page-watches';

/** The board's news on the start page: what finished since the analyst last looked, with the way to the board. */
export function StartPageAway({ watches }: { watches: StartPageWatches }) {
  const { boardIds, board, watchOf } = watches;
  const away = useAwayFinishes(
    boardIds,
    boardIds.map((id) => watchOf(id)),
    { watched: board, recordsWhatItShows: false },
  );
  // The tab says it too, for an analyst coming back to a tab among many: "(2) Machine action watch".
  const unseen = away.finishes.length;
  usePageTitle(unseen > 0 ? `(${unseen}) ${appTitle}` : appTitle);
  return (
    <AwaySummary away={away}>
      <Button component={Link} to="/board" size="xs">
        Open the board
      </Button>
    </AwaySummary>
  );
}
