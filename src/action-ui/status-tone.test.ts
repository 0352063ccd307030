import { describe, expect, it } from 'vitest';
import { isFinalStatus } from '../../core/defender/action-status';
import { statusLabel, statusTone } from './status-tone';

describe('action status', () => {
  it.each(['Succeeded', 'Failed', 'TimeOut', 'Cancelled'])('%s is final', (status) => {
    expect(isFinalStatus(status)).toBe(true);
  });

  it.each(['Pending', 'InProgress', 'Queued', 'Canceled', 'succeeded', ''])('%j is not final', (status) => {
    expect(isFinalStatus(status)).toBe(false);
  });

  it('marks Failed, TimeOut and Cancelled as needing attention, and unknown statuses as unknown', () => {
    expect(['Succeeded', 'Failed', 'TimeOut', 'Cancelled', 'Pending', 'Queued'].map(statusTone)).toEqual(['succeeded', 'attention', 'attention', 'attention', 'running', 'unknown']);
  });

  it('reads live response command statuses with the same tones', () => {
    expect(['Created', 'Completed', 'Failed'].map(statusTone)).toEqual(['running', 'succeeded', 'attention']);
  });

  it('shows unknown statuses as Defender wrote them', () => {
    expect(statusLabel('Queued')).toBe('Queued');
    expect(statusLabel('InProgress')).toBe('In progress');
  });
});
