import { describe, expect, it } from 'vitest';
import { machineAction, actionId } from '../../../core/testing/machine-actions';
import { failingWatch, readWatch, sampleProblems } from '../../testing/action-watches';
import { guid } from '../../testing/screens';
import type { Guid } from '../../../core/lib/guid';
import { ticketLines } from '../../action-ui/ticket-summary';
import { boardTicketText } from './board-ticket';

const now = Date.parse('2026-03-02T10:00:00.000Z');
const other = '00000000-0000-4000-8000-000000000002' as Guid;
const problems = sampleProblems(now);

describe('boardTicketText', () => {
  it("one line a row: the action page's lines joined, times in UTC, under a line that dates the copy", () => {
    const action = machineAction({ status: 'Failed', errorHResult: -2147024891 });
    const watch = readWatch(action, now - 5_000);
    const text = boardTicketText([{ id: guid(actionId), watch, order: 0 }], now);
    const lines = text.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('Machine action watch: 1 machine action as of 2026-03-02 10:00:00 UTC');
    expect(lines[1]).toBe(ticketLines(action, watch.history, undefined, now).join('; '));
    expect(lines[1]).toContain('E_ACCESSDENIED');
    expect(lines[1]).toMatch(/UTC/);
  });

  it('names each action\'s customer when the analyst watches several tenants', () => {
    const watch = readWatch(machineAction({ status: 'Succeeded' }), now - 5_000);
    const [, found, lookingUp] = boardTicketText(
      [
        { id: guid(actionId), watch, order: 0, customer: 'Fabrikam' },
        { id: other, watch: undefined, order: 1 },
      ],
      now,
    ).split('\n');
    expect(found).toMatch(new RegExp(`^Defender machine action ${actionId}; Customer: Fabrikam; Type: `));
    expect(lookingUp).toBe(`Defender machine action ${other}; Not read: not looked up yet`);
  });

  it('a row nothing was read for says why; a status from before a failed check says when it was read', () => {
    const lastGood = readWatch(machineAction({ status: 'InProgress' }), now - 60_000);
    const text = boardTicketText(
      [
        { id: other, watch: failingWatch(undefined, problems.forbidden, now - 1_000), order: 0 },
        { id: guid(actionId), watch: failingWatch(lastGood, problems.server500, now - 1_000), order: 1 },
        { id: other, watch: undefined, order: 2 },
      ],
      now,
    );
    const lines = text.split('\n');
    expect(lines[0]).toBe('Machine action watch: 3 machine actions as of 2026-03-02 10:00:00 UTC');
    expect(lines[1]).toBe(`Defender machine action ${other}; Not read: Access denied`);
    expect(lines[2]).toMatch(/; Status: InProgress;.*; Status as of 2026-03-02 09:59:00 UTC \(Defender is having trouble\)$/);
    expect(lines[3]).toBe(`Defender machine action ${other}; Not read: not looked up yet`);
  });

  it('a brand-new ID within its grace is "not listed yet", as its row says, never "not found"', () => {
    const text = boardTicketText([{ id: other, watch: failingWatch(undefined, problems.notFound, now - 1_000, now - 4_000), order: 0 }], now);
    expect(text.split('\n')[1]).toBe(`Defender machine action ${other}; Not read: not listed yet (a new action can take a few seconds to appear), checking again`);
  });

  it('keeps every line one line: a comment with line breaks does not split its action', () => {
    const action = machineAction({ status: 'Succeeded', requestorComment: 'first\nsecond' });
    const text = boardTicketText([{ id: guid(actionId), watch: readWatch(action, now), order: 0 }], now);
    expect(text.split('\n')).toHaveLength(2);
  });
});
