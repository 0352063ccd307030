import { Button, Code, CopyButton, Group, Tooltip } from '@mantine/core';
import type { Guid } from '../../../core/lib/guid';

/**
 * "1a2b3c4d" and a copy button: enough of the ID to match a row against a ticket at a glance, and the
 * whole ID to paste. The full ID is the code's title and the button's name.
 */
export function ShortActionId({ id }: { id: Guid }) {
  return (
    <Group gap={4} wrap="nowrap">
      <Code title={id} data-testid="short-id">
        {id.slice(0, 8)}
      </Code>
      <CopyButton value={id} timeout={2_000}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? 'Copied' : 'Copy the whole ID'} withArrow>
            <Button variant="subtle" size="compact-xs" onClick={copy} aria-label={`Copy the action ID ${id}`}>
              {copied ? 'Copied' : 'Copy'}
            </Button>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}
