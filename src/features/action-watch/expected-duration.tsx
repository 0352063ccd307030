import { Stack, Text } from '@mantine/core';
import { isFinalStatus } from '../../api/action-status';
import type { MachineAction } from '../../api/machine-action';
import { elapsedMs } from '../../action-ui/elapsed';
import { outcomeShareWords, slowerThanUsualWords, tooLittleHistoryWords, usualDurationWords } from '../../action-ui/history-words';
import { formatDuration } from '../../lib/time';
import type { HistoryReading } from '../../polling/duration-history';

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
  return (
    <Stack gap={4} data-testid="expected-duration">
      <Text size="sm">{usualDurationWords(reading)}.</Text>
      {running && elapsed !== undefined && (
        <>
          <progress
            max={reading.p90Ms}
            value={Math.min(elapsed, reading.p90Ms)}
            aria-label={`Running for ${formatDuration(elapsed)}, against 9 in 10 finishing within ${formatDuration(reading.p90Ms)}`}
            style={{ width: '100%', maxWidth: 360 }}
          />
          <Text size="sm">
            This one has run for {formatDuration(elapsed)}
            {slower && (
              <Text span fw={700} data-testid="slower-than-usual">
                {`: ${slower}`}
              </Text>
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
