import { Stack, Text } from '@mantine/core';
import { isFinalStatus } from '../../../core/defender/action-status';
import type { MachineAction } from '../../../core/defender/machine-action';
import { elapsedMs } from '../../action-ui/elapsed';
import { nineInTenMs, outcomeShareWords, slowerThanUsualWords, tooLittleHistoryWords, usualDurationWords } from '../../action-ui/history-words';
import { formatDuration } from '../../lib/time';
import type { HistoryReading } from '../../../core/polling/history/duration-history';

/**
 * "Isolations here usually finish in about 1 min 10 s; 9 in 10 within 2 min": whether this one is taking
 * longer than it should, from the tenant's own history, with how often such actions do not succeed.
 */
export function ExpectedDuration({ action, reading, now }: { action: MachineAction; reading: HistoryReading | undefined; now: number }) {
  if (!reading) return null;
  if (!reading.enough) {
    return (
      <Text size="sm" c="dimmed" data-testid="expected-duration">
        {tooLittleHistoryWords(reading)}.
      </Text>
    );
  }
  const running = !isFinalStatus(action.status);
  const elapsed = elapsedMs(action, now);
  const slower = running && elapsed !== undefined ? slowerThanUsualWords(reading, elapsed) : undefined;
  const shares = outcomeShareWords(reading);
  const nineInTen = nineInTenMs(reading);
  // Its whole age counts, as the history's durations do; a Pending one has not started on its device yet.
  const sinceWords = action.status === 'Pending' ? 'Waiting for its device for' : 'Running for';
  return (
    <Stack gap={4} data-testid="expected-duration">
      <Text size="sm">{usualDurationWords(reading)}.</Text>
      {running && elapsed !== undefined && (
        <>
          <progress
            max={nineInTen}
            value={Math.min(elapsed, nineInTen)}
            aria-label={`${sinceWords} ${formatDuration(elapsed)}, against 9 in 10 finishing within ${formatDuration(nineInTen)}`}
            style={{ width: '100%', maxWidth: 360 }}
          />
          <Text size="sm">
            {action.status === 'Pending' ? 'This one has waited for its device for' : 'This one has run for'} {formatDuration(elapsed)}
            {slower && (
              <>
                {': '}
                <Text span fw={700} data-testid="slower-than-usual">
                  {slower}
                </Text>
              </>
            )}
            .
          </Text>
        </>
      )}
      {shares.length > 0 && (
        <Text size="sm" c="dimmed">
          {shares.join('; ')}.
        </Text>
      )}
    </Stack>
  );
}
