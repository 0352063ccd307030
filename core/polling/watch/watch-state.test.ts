import { describe, expect, it } from 'vitest';
import { parseMachineAction } from '../../defender/machine-action';
import { actionBody } from '../../testing/machine-actions';
import { recordCheck } from './watch-state';

const parsed = parseMachineAction(actionBody());
if (!parsed.ok) throw new Error(parsed.detail);
const action = parsed.action;

describe('recordCheck', () => {
  it('records a good read and clears any failure', () => {
    const failed = recordCheck(undefined, { ok: false, problem: { kind: 'server', status: 500 } }, 1, 0.25);
    expect(recordCheck(failed, { ok: true, action }, 2, 0.25)).toMatchObject({ action, readAt: 2, failure: undefined, jitter: 0.25 });
  });

  it('keeps the last good read while checks fail, counting the streak from its first failure', () => {
    const good = recordCheck(undefined, { ok: true, action }, 10, 0.25);
    const first = recordCheck(good, { ok: false, problem: { kind: 'network', message: 'down' } }, 20, 0.25);
    const second = recordCheck(first, { ok: false, problem: { kind: 'server', status: 503 } }, 30, 0.25);
    expect(second.action).toBe(action);
    expect(second.readAt).toBe(10);
    expect(second.failure).toEqual({ problem: { kind: 'server', status: 503 }, count: 2, since: 20, lastAt: 30 });
  });

  it('starts a streak on the very first check', () => {
    expect(recordCheck(undefined, { ok: false, problem: { kind: 'not-found' } }, 5, 0.25)).toEqual({ action: undefined, readAt: undefined, failure: { problem: { kind: 'not-found' }, count: 1, since: 5, lastAt: 5 }, history: [], jitter: 0.25 });
  });

  it('records each status seen once, with Defender\'s time of the change', () => {
    const read = (status: string, updated: string) => {
      const result = parseMachineAction(actionBody({ status, creationDateTimeUtc: '2026-01-05T10:02:11Z', lastUpdateDateTimeUtc: updated }));
      if (!result.ok) throw new Error(result.detail);
      return result.action;
    };
    const now = Date.parse('2026-01-05T10:10:00Z');
    let watch = recordCheck(undefined, { ok: true, action: read('Pending', '2026-01-05T10:02:11Z') }, now, 0);
    watch = recordCheck(watch, { ok: true, action: read('Pending', '2026-01-05T10:02:11Z') }, now, 0);
    watch = recordCheck(watch, { ok: false, problem: { kind: 'network', message: 'x' } }, now, 0);
    watch = recordCheck(watch, { ok: true, action: read('InProgress', '2026-01-05T10:02:40Z') }, now, 0);
    watch = recordCheck(watch, { ok: true, action: read('Succeeded', '2026-01-05T10:03:05Z') }, now, 0);
    expect(watch.history).toEqual([
      { status: 'Pending', at: Date.parse('2026-01-05T10:02:11Z') },
      { status: 'InProgress', at: Date.parse('2026-01-05T10:02:40Z') },
      { status: 'Succeeded', at: Date.parse('2026-01-05T10:03:05Z') },
    ]);
  });
});
