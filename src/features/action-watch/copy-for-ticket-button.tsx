import { Button, CopyButton } from '@mantine/core';
import type { MachineAction } from '../../../core/defender/machine-action';
import type { StatusChange } from '../../../core/polling/watch/watch-state';
import type { HistoryReading } from '../../../core/polling/history/duration-history';
import { ticketSummary } from '../../action-ui/ticket-summary';

export function CopyForTicketButton({ action, history, usual, customer }: { action: MachineAction; history: readonly StatusChange[]; usual?: HistoryReading; customer?: string }) {
  return (
    <CopyButton value={ticketSummary(action, history, usual, undefined, customer)}>
      {({ copied, copy }) => (
        <Button variant="default" size="xs" onClick={copy}>
          {copied ? 'Copied for the ticket' : 'Copy for the ticket'}
        </Button>
      )}
    </CopyButton>
  );
}
