import { Alert } from '@mantine/core';
import type { MachineAction } from '../../core/defender/machine-action';
import { describeSkew, noticeableSkewMs, skewAhead } from '../lib/clock-skew';

/** Says once, for the whole page, that this computer's clock and Defender's disagree. */
export function ClockSkewNotice({ actions, now }: { actions: readonly (MachineAction | undefined)[]; now: number }) {
  const dates = actions.flatMap((action) => (action ? [action.createdAt, action.lastUpdatedAt] : []));
  const ahead = skewAhead(dates, now);
  if (ahead <= noticeableSkewMs) return null;
  return (
    <Alert color="amber.8" variant="outline" title="This computer’s clock differs from Defender’s" data-testid="clock-skew">
      Defender’s times are {describeSkew(ahead)} ahead of this computer’s clock. Times that lie ahead are shown as “just now”, and
      durations may read short. Checking is not affected.
    </Alert>
  );
}
