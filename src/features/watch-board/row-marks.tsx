import { Badge, Text } from '@mantine/core';
import type { MachineAction } from '../../../core/defender/machine-action';
import { hresultReason } from '../../action-ui/hresult-meanings';
import { statusTone } from '../../action-ui/status-tone';

/** On a row that finished while the analyst was away, until it is marked as seen. */
export function FinishedAwayMark() {
  return (
    <Badge color="blue" variant="light" size="sm" mt={4} data-testid="finished-away" title="Finished while you were away: not marked as seen yet">
      New
    </Badge>
  );
}

/** Why a failed action failed, in a line: "E_ACCESSDENIED: access denied". The action page says the rest. */
export function FailureReason({ action }: { action: MachineAction }) {
  // Only a final status needs attention: Failed, TimeOut, Cancelled.
  if (statusTone(action.status) !== 'attention' || !action.errorHResult) return null;
  return (
    <Text size="xs" c="red" data-testid="failure-reason">
      {hresultReason(action.errorHResult)}
    </Text>
  );
}
