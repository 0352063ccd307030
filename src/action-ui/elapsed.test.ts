import { describe, expect, it } from 'vitest';
import { parseMachineAction } from '../../core/defender/machine-action';
import { actionBody } from '../../core/testing/machine-actions';
import { elapsedMs } from './elapsed';

function action(overrides: Record<string, unknown>) {
  const result = parseMachineAction(actionBody(overrides));
  if (!result.ok) throw new Error(result.detail);
  return result.action;
}

const created = '2026-01-05T10:00:00Z';
const now = Date.parse('2026-01-05T10:03:00Z');

describe('elapsedMs', () => {
  it('counts a running action to now', () => {
    expect(elapsedMs(action({ status: 'InProgress', creationDateTimeUtc: created }), now)).toBe(180_000);
  });

  it('counts a finished action to its last update', () => {
    expect(elapsedMs(action({ status: 'Succeeded', creationDateTimeUtc: created, lastUpdateDateTimeUtc: '2026-01-05T10:01:06Z' }), now)).toBe(66_000);
  });

  it('never goes below zero when Defender’s clock is ahead of this one', () => {
    expect(elapsedMs(action({ status: 'Pending', creationDateTimeUtc: '2026-01-05T10:15:00Z' }), now)).toBe(0);
  });

  it('knows nothing without a creation date', () => {
    expect(elapsedMs(action({ creationDateTimeUtc: null }), now)).toBeUndefined();
  });
});
