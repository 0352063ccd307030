import { CopyButton, UnstyledButton } from '@mantine/core';
import type { Guid } from '../../../core/lib/guid';
import classes from './short-action-id.module.css';

/**
 * "1a2b3c4d": enough of the ID to match a row against a ticket at a glance, and a click copies the whole
 * ID. One element a row, not a group of them: on a board of 500, every element is laid out again at each
 * change, and a click must still paint at once.
 */
export function ShortActionId({ id }: { id: Guid }) {
  return (
    <CopyButton value={id} timeout={2_000}>
      {({ copied, copy }) => (
        <UnstyledButton className={classes.id} onClick={copy} aria-label={`Copy the action ID ${id}`} title={`${id}: click to copy`} data-testid="short-id" data-copied={copied || undefined}>
          {copied ? 'Copied' : id.slice(0, 8)}
        </UnstyledButton>
      )}
    </CopyButton>
  );
}
