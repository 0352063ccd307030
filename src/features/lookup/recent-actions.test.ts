import { describe, expect, it } from 'vitest';
import { parseMachineAction } from '../../../core/defender/machine-action';
import { actionBody } from '../../../core/testing/machine-actions';
import { runningFirst } from './recent-actions';

function action(id: string, status: string, created: string) {
  const result = parseMachineAction(actionBody({ id, status, creationDateTimeUtc: created }));
  if (!result.ok) throw new Error(result.detail);
  return result.action;
}

describe('runningFirst', () => {
  it('puts running actions first, newest first within each group', () => {
    const sorted = runningFirst([
      action('00000000-0000-4000-8000-000000000001', 'Succeeded', '2026-11-30T10:00:00Z'),
      action('00000000-0000-4000-8000-000000000002', 'Pending', '2026-11-30T09:00:00Z'),
      action('00000000-0000-4000-8000-000000000003', 'Failed', '2026-11-30T11:00:00Z'),
      action('00000000-0000-4000-8000-000000000004', 'InProgress', '2026-11-30T12:00:00Z'),
    ]);
    expect(sorted.map((each) => each.id.slice(-1))).toEqual(['4', '2', '3', '1']);
  });
});
