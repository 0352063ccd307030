import { describe, expect, it } from 'vitest';
import { parseMachineAction } from '../api/machine-action';
import { actionBody } from '../testing/machine-actions';
import { recordCheck } from './watch-state';

const parsed = parseMachineAction(actionBody());
if (!parsed.ok) throw new Error(parsed.detail);
const action = parsed.action;

describe('recordCheck', () => {
  it('records a good read and clears any failure', () => {
    const failed = recordCheck(undefined, { ok: false, problem: { kind: 'server', status: 500 } }, 1, 0.25);
    expect(recordCheck(failed, { ok: true, action }, 2, 0.25)).toEqual({ action, readAt: 2, failure: undefined, jitter: 0.25 });
  });

  it('keeps the last good read while checks fail, counting the streak from its first failure', () => {
    const good = recordCheck(undefined, { ok: true, action }, 10, 0.25);
    const first = recordCheck(good, { ok: false, problem: { kind: 'network', message: 'down' } }, 20, 0.25);
    const second = recordCheck(first, { ok: false, problem: { kind: 'server', status: 503 } }, 30, 0.25);
    expect(second.action).toBe(action);
    expect(second.readAt).toBe(10);
    expect(second.failure).toEqual({ problem: { kind: 'server', status: 503 }, count: 2, since: 20 });
  });

  it('starts a streak on the very first check', () => {
    expect(recordCheck(undefined, { ok: false, problem: { kind: 'not-found' } }, 5, 0.25)).toEqual({ action: undefined, readAt: undefined, failure: { problem: { kind: 'not-found' }, count: 1, since: 5 }, jitter: 0.25 });
  });
});
