import { Alert, Button, CopyButton, Textarea } from '@mantine/core';
import { boardLimit } from '../../action-ui/watch-list';
import type { Guid } from '../../../core/lib/guid';

/** The saved IDs past the board's limit: not watched, kept in full to copy elsewhere. */
export function BeyondLimitNotice({ ids }: { ids: readonly Guid[] }) {
  const text = ids.join('\n');
  return (
    <Alert color="amber" variant="outline" title={`${ids.length} saved ${ids.length === 1 ? 'action is' : 'actions are'} not watched`} data-testid="beyond-limit">
      The board watches at most {boardLimit} actions, so that each is still checked often within the shared quota. These are kept
      here: copy them into another board, or remove finished ones to make room.
      <Textarea mt="xs" label="IDs not watched" readOnly value={text} autosize minRows={2} maxRows={6} />
      <CopyButton value={text}>
        {({ copied, copy }) => (
          <Button mt="xs" variant="default" size="xs" onClick={copy}>
            {copied ? 'IDs copied' : 'Copy these IDs'}
          </Button>
        )}
      </CopyButton>
    </Alert>
  );
}
