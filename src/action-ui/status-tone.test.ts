import { describe, expect, it } from 'vitest';
import { isFinalStatus } from '../../core/defender/action-status';
import { statusColour, statusLabel, statusTone } from './status-tone';

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

  it('paints a cancellation apart from a failure, though both need attention', () => {
    expect(['Succeeded', 'Failed', 'TimeOut', 'Cancelled', 'Pending', 'Queued'].map(statusColour)).toEqual(['succeeded', 'failed', 'failed', 'cancelled', 'running', 'unknown']);
    expect(['Created', 'Completed', 'Failed'].map(statusColour)).toEqual(['running', 'succeeded', 'failed']);
  });

  it('reads live response command statuses with the same tones', () => {
    expect(['Created', 'Completed', 'Failed'].map(statusTone)).toEqual(['running', 'succeeded', 'attention']);
  });

  it('shows unknown statuses as Defender wrote them', () => {
    expect(statusLabel('Queued')).toBe('Queued');
    expect(statusLabel('InProgress')).toBe('In progress');
  });
});
