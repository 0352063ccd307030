import { describe, expect, it } from 'vitest';
import { createClock } from '../clock.ts';
import { buildActionFields, cancelAction, viewAction, type StoredAction } from './machine-action.ts';
import { reachedStep } from './timeline.ts';
import { formatDefenderTime, normalizeDefenderTime } from './timestamps.ts';

const device = {
  machineId: 'a3f1c9e27b5d48f0916c2e7d4b8a05f3c1d9e6b2',
  computerDnsName: 'finance-ws-014.contoso.example',
  deviceGroup: 'Workstations',
};
const steps = [
  { status: 'Succeeded', afterMs: 45_000 },
  { status: 'InProgress', afterMs: 8_000 },
];

describe('reachedStep', () => {
  it('returns the last step reached, whatever order the steps are listed in', () => {
    expect(reachedStep(steps, 1_000, 8_999)).toBeUndefined();
    expect(reachedStep(steps, 1_000, 9_000)).toEqual({ status: 'InProgress', reachedAtMs: 9_000 });
    expect(reachedStep(steps, 1_000, 46_000)).toEqual({ status: 'Succeeded', reachedAtMs: 46_000 });
  });

  it('does not move before the timeline has started', () => {
    expect(reachedStep(steps, null, Number.MAX_SAFE_INTEGER)).toBeUndefined();
  });
});

describe('actions on the simulated clock', () => {
  const start = Date.parse('2024-05-01T10:00:00Z');

  function action(startsOn: StoredAction['startsOn']): StoredAction {
    return {
      fields: buildActionFields(
        { id: '11111111-1111-4111-8111-000000000001', status: 'Pending' },
        { nowMs: start, device },
      ),
      timeline: steps,
      startsOn,
      firstReadAtMs: null,
    };
  }

  it('moves a creation-timed action as the clock advances', () => {
    let real = start;
    const clock = createClock(() => real);
    const stored = action('creation');
    expect(viewAction(stored, clock.now()).status).toBe('Pending');
    clock.advance(8_000);
    expect(viewAction(stored, clock.now())).toMatchObject({
      status: 'InProgress',
      lastUpdateDateTimeUtc: formatDefenderTime(start + 8_000),
    });
    real += 40_000;
    clock.advance(5_000);
    expect(viewAction(stored, clock.now()).status).toBe('Succeeded');
    // Back on real time (40 s after creation): the simulated minute is undone.
    clock.reset();
    expect(clock.offsetMs()).toBe(0);
    expect(viewAction(stored, clock.now()).status).toBe('InProgress');
  });

  it('waits for the first read when the timeline starts on first read', () => {
    const stored = action('first-read');
    expect(viewAction(stored, start + 3_600_000).status).toBe('Pending');
    const read = { ...stored, firstReadAtMs: start + 3_600_000 };
    expect(viewAction(read, start + 3_600_000 + 8_000).status).toBe('InProgress');
  });

  it('keeps the legacy last-update spelling when an entity uses it', () => {
    const legacy: StoredAction = {
      ...action('creation'),
      fields: buildActionFields({ lastUpdateTimeUtc: 'x', externalID: 'CHG-1' }, { nowMs: start, device }),
    };
    const view = viewAction(legacy, start + 60_000);
    expect(view).not.toHaveProperty('lastUpdateDateTimeUtc');
    expect(view).not.toHaveProperty('externalId');
    expect(view.lastUpdateTimeUtc).toBe(formatDefenderTime(start + 45_000));
  });

  it('freezes a cancelled action', () => {
    const cancelled = cancelAction(action('creation'), { requestor: 'dana', comment: 'stop', nowMs: start + 1_000 });
    expect(viewAction(cancelled, start + 3_600_000)).toMatchObject({
      status: 'Cancelled',
      cancellationRequestor: 'dana',
      cancellationComment: 'stop',
      cancellationDateTimeUtc: formatDefenderTime(start + 1_000),
    });
  });
});

describe('Defender timestamps', () => {
  it('writes 7 fractional digits and reads them back to the millisecond', () => {
    const text = formatDefenderTime(Date.parse('2019-01-02T14:39:38.226Z'));
    expect(text).toMatch(/^2019-01-02T14:39:38\.226\d{4}Z$/);
    expect(Date.parse(text)).toBe(Date.parse('2019-01-02T14:39:38.226Z'));
  });

  it('normalizes offsets and short fractions for comparison', () => {
    expect(normalizeDefenderTime('2024-05-01T12:00:00+02:00')).toBe('2024-05-01T10:00:00.0000000Z');
    expect(normalizeDefenderTime('2024-05-01T10:00:00.5Z')).toBe('2024-05-01T10:00:00.5000000Z');
    expect(normalizeDefenderTime('yesterday')).toBeUndefined();
  });
});
