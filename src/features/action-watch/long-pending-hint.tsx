import { Alert } from '@mantine/core';
import type { MachineAction } from '../../../core/defender/machine-action';
import { longPendingWords } from '../../action-ui/history-words';
import { enoughHistory, type HistoryReading } from '../../../core/polling/history/duration-history';
import { isPendingLongerThanUsual } from '../../../core/polling/pacing/pending-hint';

/**
 * An action pending longer than nearly all of its kind here (or, without enough history, over 10 minutes)
 * usually waits for a device that is offline.
 */
export function LongPendingHint({ action, reading, now }: { action: MachineAction; reading: HistoryReading | undefined; now: number }) {
  const history = enoughHistory(reading);
  if (!isPendingLongerThanUsual(action, now, history)) return null;
  return (
    <Alert color="blue" variant="outline" title={longPendingWords(history)} data-testid="long-pending">
      The device may be offline. The action stays Pending until the device checks in; Defender keeps an isolation waiting for up to
      three days.
    </Alert>
  );
}
