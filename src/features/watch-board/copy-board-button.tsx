import { Button } from '@mantine/core';
import { useClipboard } from '@mantine/hooks';
import type { BoardRow } from './board-rows';
import { boardTicketText } from './board-ticket';

/** "Copy the board for the ticket": the text is made when asked for, not at every check of 500 rows. */
export function CopyBoardButton({ rows }: { rows: readonly BoardRow[] }) {
  const clipboard = useClipboard({ timeout: 3_000 });
  return (
    <Button variant="default" size="xs" onClick={() => clipboard.copy(boardTicketText(rows, Date.now()))}>
      {clipboard.error ? 'Copying was refused: select the rows instead' : clipboard.copied ? 'Copied the board' : 'Copy the board for the ticket'}
    </Button>
  );
}
