import { describe, expect, it } from 'vitest';
import { loadSeenStatuses, saveSeenStatuses } from '../../action-ui/away/seen-statuses';
import { saveWatchList } from '../../action-ui/watch-list';
import { readWatch } from '../../testing/action-watches';
import { actionId, machineAction } from '../../../core/testing/machine-actions';
import { screenTestsAt } from '../../testing/screen-clock';
import { guid, renderActionPage } from '../../testing/screens';

const now = Date.parse('2026-03-02T10:00:00.000Z');
const id = guid(actionId);
screenTestsAt(now);

const showing = (status: string) => ({ watches: [{ id, watch: readWatch(machineAction({ status }), now), checkedAt: now }] });

describe('an action page and what finished while the analyst was away', () => {
  it('showing the final status of an action on the board: looked at, however the page was opened', () => {
    saveWatchList(window.localStorage, [id]);
    saveSeenStatuses(window.localStorage, new Map([[id, { status: 'Pending', at: now - 3_600_000 }]]));
    renderActionPage(id, showing('Failed'));
    expect(loadSeenStatuses(window.localStorage).get(id)).toEqual({ status: 'Failed', at: now });
  });

  it('a running status changes nothing: the board records what it shows itself', () => {
    saveWatchList(window.localStorage, [id]);
    saveSeenStatuses(window.localStorage, new Map([[id, { status: 'Pending', at: now - 3_600_000 }]]));
    renderActionPage(id, showing('InProgress'));
    expect(loadSeenStatuses(window.localStorage).get(id)).toEqual({ status: 'Pending', at: now - 3_600_000 });
  });

  it('an action not on the board is not added to what the board saw', () => {
    renderActionPage(id, showing('Succeeded'));
    expect(loadSeenStatuses(window.localStorage).size).toBe(0);
  });
});
