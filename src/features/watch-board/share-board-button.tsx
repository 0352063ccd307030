import { Button, CopyButton, Text } from '@mantine/core';
import { boardPath, linkLimit } from '../../action-ui/watch-list';
import type { Guid } from '../../../core/lib/guid';

/** A link to this board for a ticket; past what a link carries, the IDs as text to paste into another board. */
export function ShareBoardButton({ ids, tenantOf }: { ids: readonly Guid[]; tenantOf?: (id: Guid) => string | undefined }) {
  const path = boardPath(ids, tenantOf);
  if (path) {
    return (
      <CopyButton value={new URL(path, window.location.origin).href}>
        {({ copied, copy }) => (
          <Button variant="default" size="xs" onClick={copy}>
            {copied ? 'Link copied' : 'Copy link to this board'}
          </Button>
        )}
      </CopyButton>
    );
  }
  return (
    <>
      <CopyButton value={ids.join('\n')}>
        {({ copied, copy }) => (
          <Button variant="default" size="xs" onClick={copy}>
            {copied ? 'IDs copied' : 'Copy the IDs as text'}
          </Button>
        )}
      </CopyButton>
      <Text size="xs" data-testid="too-many-for-a-link">
        More than {linkLimit} actions are too many for one link: paste the IDs into the other board instead.
      </Text>
    </>
  );
}
