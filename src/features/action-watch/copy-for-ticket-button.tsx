import { Button, CopyButton } from '@mantine/core';
import type { MachineAction } from '../../api/machine-action';
import type { StatusChange } from '../../polling/watch-state';
import { ticketSummary } from './ticket-summary';

export function CopyForTicketButton({ action, history }: { action: MachineAction; history: readonly StatusChange[] }) {
  return (
    <CopyButton value={ticketSummary(action, history)}>
      {({ copied, copy }) => (
        <Button variant="default" size="xs" onClick={copy}>
          {copied ? 'Copied for the ticket' : 'Copy for the ticket'}
        </Button>
      )}
    </CopyButton>
  );
}
