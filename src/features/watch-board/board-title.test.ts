import { describe, expect, it } from 'vitest';
import type { BoardCounts } from './board-counts';
import { boardTitle } from './board-title';

const counts = (changes: Partial<BoardCounts>): BoardCounts => ({ running: 0, late: 0, lookingUp: 0, succeeded: 0, needsAttention: 0, unreadable: 0, ...changes });

describe('the board tab’s title', () => {
  it('gives the board’s own counts of what asks for a look, with the unread notices in brackets', () => {
    // Four finished while watched; a fifth had failed before the board opened: the summary says 4, so does the tab.
    expect(boardTitle(counts({ succeeded: 1, needsAttention: 4 }), 4)).toBe('(4) 4 need attention · Machine action watch');
    expect(boardTitle(counts({ needsAttention: 1, unreadable: 2, late: 1, running: 3 }), 2)).toBe("(2) 1 needs attention · 2 can't be read · 1 late · Machine action watch");
  });

  it('keeps saying it once the notices are dismissed: the rows are still there', () => {
    expect(boardTitle(counts({ needsAttention: 1 }), 0)).toBe('1 needs attention · Machine action watch');
    expect(boardTitle(counts({ unreadable: 1, running: 1 }), 0)).toBe("1 can't be read · Machine action watch");
  });

  it('says "finished" when the only news is good, and nothing when there is no news and nothing to look at', () => {
    expect(boardTitle(counts({ succeeded: 2 }), 2)).toBe('(2) finished · Machine action watch');
    expect(boardTitle(counts({ succeeded: 2, running: 3 }), 0)).toBe('Machine action watch');
  });
});
