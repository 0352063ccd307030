import { Alert } from '@mantine/core';
import type { MachineAction } from '../../api/machine-action';
import { isLongPending } from '../../polling/watch-cadence';

/** An action pending for over 10 minutes usually waits for a device that is offline. */
export function LongPendingHint({ action, now }: { action: MachineAction; now: number }) {
  if (!isLongPending(action, now)) return null;
  return (
    <Alert color="blue" variant="outline" title="Pending for over 10 minutes" data-testid="long-pending">
      The device may be offline. Defender keeps retrying an isolation for up to three days; the action stays Pending until the device
      checks in.
    </Alert>
  );
}
