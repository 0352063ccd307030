import { describe, expect, it } from 'vitest';
import { isPollerMessage, maxCallsInMessage, maxScheduleEntries } from './poller-messages';

const id = '00000000-0000-4000-8000-00000000000a';
const catchUp = { type: 'catch-up', for: 't', watches: [{ id, watch: {}, checkedAt: 1 }], pausedUntil: 5, spent: [1, 2] };

describe('isPollerMessage', () => {
  it.each<[string, unknown]>([
    ['interest', { type: 'interest', tab: 't', ids: [id], visible: false }],
    ['interest in nothing', { type: 'interest', tab: 't', ids: [], visible: true }],
    ['recheck', { type: 'recheck', id }],
    ['leaving', { type: 'leaving', tab: 't' }],
    ['hello', { type: 'hello', tab: 't' }],
    ['checked', { type: 'checked', id, watch: {}, checkedAt: 1 }],
    ['paused', { type: 'paused', until: 5 }],
    ['pause over', { type: 'paused', until: undefined }],
    ['spent', { type: 'spent', at: 10, count: 3 }],
    ['catch-up', catchUp],
    ['catch-up with nothing known and no pause', { ...catchUp, watches: [], pausedUntil: undefined, spent: [] }],
    ['catch-up with a full hour of calls', { ...catchUp, spent: Array<number>(maxCallsInMessage).fill(1) }],
    ['catch-up with the schedule', { ...catchUp, schedule: [[id, 7]] }],
    ['schedule', { type: 'schedule', entries: [[id, 7]] }],
    ['an empty schedule (no poller plans here)', { type: 'schedule', entries: [] }],
  ])('believes a well-formed %s message', (_, message) => {
    expect(isPollerMessage(message)).toBe(true);
  });

  // Each differs from a well-formed message by one field only, so each refusal is that field's.
  it.each<[string, unknown]>([
    ['interest in an ID that is not a GUID', { type: 'interest', tab: 't', ids: ["') or 1 eq 1"], visible: true }],
    ['interest in an upper-case GUID', { type: 'interest', tab: 't', ids: [id.toUpperCase()], visible: true }],
    ['interest without visibility', { type: 'interest', tab: 't', ids: [id] }],
    ['interest from no tab', { type: 'interest', ids: [id], visible: true }],
    ['interest whose ids are not a list', { type: 'interest', tab: 't', ids: id, visible: true }],
    ['recheck of what is not a GUID', { type: 'recheck', id: 'nope' }],
    ['leaving from no tab', { type: 'leaving' }],
    ['checked, not a GUID', { type: 'checked', id: 'nope', watch: {}, checkedAt: 1 }],
    ['checked without a time', { type: 'checked', id, watch: {} }],
    ['checked without a watch', { type: 'checked', id, watch: null, checkedAt: 1 }],
    ['paused until a string', { type: 'paused', until: 'soon' }],
    ['paused for ever', { type: 'paused', until: Number.POSITIVE_INFINITY }],
    ['spent at no time', { type: 'spent', at: Number.NaN, count: 1 }],
    ['spent, no call', { type: 'spent', at: 10, count: 0 }],
    ['spent, half a call', { type: 'spent', at: 10, count: 1.5 }],
    // Counted call by call: believed, it would hang the tab.
    ['spent, more calls than an hour allows', { type: 'spent', at: 10, count: 1e9 }],
    ['catch-up for no tab', { ...catchUp, for: undefined }],
    ['catch-up whose watches are not a list', { ...catchUp, watches: {} }],
    ['catch-up of an ID that is not a GUID', { ...catchUp, watches: [{ id: "') or 1 eq 1", watch: {}, checkedAt: 1 }] }],
    ['catch-up of a watch without a time', { ...catchUp, watches: [{ id, watch: {} }] }],
    ['catch-up of no watch', { ...catchUp, watches: [{ id, watch: null, checkedAt: 1 }] }],
    ['catch-up paused until a string', { ...catchUp, pausedUntil: 'soon' }],
    ['catch-up whose calls are not a list', { ...catchUp, spent: 2 }],
    ['catch-up with a call at no time', { ...catchUp, spent: [1, 'x'] }],
    ['catch-up with more calls than an hour allows', { ...catchUp, spent: Array<number>(maxCallsInMessage + 1).fill(1) }],
    ['catch-up with a schedule that is not a list', { ...catchUp, schedule: {} }],
    ['schedule of an ID that is not a GUID', { type: 'schedule', entries: [["') or 1 eq 1", 7]] }],
    ['schedule at no time', { type: 'schedule', entries: [[id, Number.NaN]] }],
    ['schedule entry of three parts', { type: 'schedule', entries: [[id, 7, 8]] }],
    ['schedule of more entries than a tab makes', { type: 'schedule', entries: Array.from({ length: maxScheduleEntries + 1 }, () => [id, 7]) }],
    ['an unknown type', { type: 'takeover', tab: 't' }],
    ['no type', { tab: 't' }],
    ['not an object', 'interest'],
    ['null', null],
  ])('refuses %s', (_, message) => {
    expect(isPollerMessage(message)).toBe(false);
  });
});
