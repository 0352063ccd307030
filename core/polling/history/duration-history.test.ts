import { describe, expect, it } from 'vitest';
import { parseMachineAction, type MachineAction } from '../../defender/machine-action';
import { actionBody } from '../../testing/machine-actions';
import { enoughHistory, historyFor, historyKey, historyKindOf, historySamples, minimumFinished, pendingTimeMs, readHistory } from './duration-history';

const now = Date.parse('2026-11-30T12:00:00Z');
const minute = 60_000;
const day = 86_400_000;

let serial = 0;
function action(overrides: { type?: string; scope?: string | null; status: string; createdAgoMs: number; tookMs?: number }): MachineAction {
  serial += 1;
  const created = now - overrides.createdAgoMs;
  const parsed = parseMachineAction(
    actionBody({
      id: `5f1c3a9e-2b7d-4e8f-9a6b-${String(serial).padStart(12, '0')}`,
      type: overrides.type ?? 'Isolate',
      scope: overrides.scope === undefined ? 'Full' : overrides.scope,
      status: overrides.status,
      creationDateTimeUtc: new Date(created).toISOString(),
      lastUpdateDateTimeUtc: new Date(created + (overrides.tookMs ?? 0)).toISOString(),
    }),
  );
  if (!parsed.ok) throw new Error(parsed.detail);
  return parsed.action;
}

/** `count` isolations that succeeded in 60 s, 61 s, …, created an hour or more ago. */
function succeededIsolations(count: number, scope = 'Full'): MachineAction[] {
  return Array.from({ length: count }, (_, index) => action({ scope, status: 'Succeeded', createdAgoMs: 60 * minute + index * minute, tookMs: 60_000 + index * 1_000 }));
}

const options = { now, periodDays: 30 };

describe('historyKindOf and historyKey', () => {
  it('tells a full scan from a quick one, and a selective isolation from a full one', () => {
    expect(historyKey(historyKindOf({ type: 'RunAntiVirusScan', scope: 'Full' }))).toBe('runantivirusscan/full');
    expect(historyKey(historyKindOf({ type: 'RunAntiVirusScan', scope: 'Quick' }))).toBe('runantivirusscan/quick');
    expect(historyKey(historyKindOf({ type: 'Isolate', scope: 'Selective' }))).toBe('isolate/selective');
  });

  it('ignores the scope of the types it says nothing about, and reads "Live Response" as LiveResponse', () => {
    expect(historyKindOf({ type: 'CollectInvestigationPackage', scope: 'Full' })).toEqual({ type: 'CollectInvestigationPackage', scope: null });
    expect(historyKey(historyKindOf({ type: 'Live Response', scope: null }))).toBe('liveresponse');
    expect(historyKey(historyKindOf({ type: 'Isolate', scope: null }))).toBe('isolate');
  });
});

describe('pendingTimeMs', () => {
  it('counts the age of an action still Pending, and the last update of one that moved or finished', () => {
    expect(pendingTimeMs(action({ status: 'Pending', createdAgoMs: 3 * day }), now)).toBe(3 * day);
    expect(pendingTimeMs(action({ status: 'InProgress', createdAgoMs: 10 * minute, tookMs: 12_000 }), now)).toBe(12_000);
    expect(pendingTimeMs(action({ status: 'Failed', createdAgoMs: 10 * minute, tookMs: 50_000 }), now)).toBe(50_000);
  });

  it('says nothing of an unknown status or of dates that run backwards', () => {
    expect(pendingTimeMs(action({ status: 'Queued', createdAgoMs: minute }), now)).toBeUndefined();
    expect(pendingTimeMs(action({ status: 'Succeeded', createdAgoMs: minute, tookMs: -5_000 }), now)).toBeUndefined();
  });
});

describe('historySamples and readHistory', () => {
  it('gives the median and the 90th percentile of the durations of the actions that succeeded', () => {
    const history = enoughHistory(historyFor(historySamples(succeededIsolations(41), options), { type: 'Isolate', scope: 'Full' }, 30));
    expect(history).toMatchObject({ enough: true, key: 'isolate/full', finished: 41, medianMs: 80_000, p90Ms: 96_000, periodDays: 30 });
    expect(history?.durationsMs).toHaveLength(41);
  });

  it('keeps Failed, TimeOut and Cancelled apart: counted, but not among the durations', () => {
    const actions = [
      ...succeededIsolations(30),
      action({ status: 'Failed', createdAgoMs: day, tookMs: 5_000 }),
      action({ status: 'TimeOut', createdAgoMs: 5 * day, tookMs: 3 * day }),
      action({ status: 'Cancelled', createdAgoMs: day, tookMs: 40_000 }),
      action({ status: 'Canceled', createdAgoMs: day, tookMs: 40_000 }),
    ];
    const history = enoughHistory(historyFor(historySamples(actions, options), { type: 'Isolate', scope: 'Full' }, 30));
    expect(history?.outcomes).toEqual({ succeeded: 30, failed: 1, timedOut: 1, cancelled: 2 });
    expect(history?.finished).toBe(34);
    expect(history?.durationsMs).toHaveLength(30);
    expect(Math.max(...(history?.durationsMs ?? []))).toBe(89_000);
  });

  it('keeps each kind apart: the quick scans do not slow the full ones down', () => {
    const scans = [
      ...Array.from({ length: 25 }, () => action({ type: 'RunAntiVirusScan', scope: 'Quick', status: 'Succeeded', createdAgoMs: day, tookMs: 30_000 })),
      ...Array.from({ length: 25 }, () => action({ type: 'RunAntiVirusScan', scope: 'Full', status: 'Succeeded', createdAgoMs: day, tookMs: 20 * minute })),
    ];
    const gathered = historySamples(scans, options);
    expect([...gathered.keys()].sort()).toEqual(['runantivirusscan/full', 'runantivirusscan/quick']);
    expect(enoughHistory(historyFor(gathered, { type: 'RunAntiVirusScan', scope: 'Quick' }, 30))?.medianMs).toBe(30_000);
    expect(enoughHistory(historyFor(gathered, { type: 'RunAntiVirusScan', scope: 'Full' }, 30))?.medianMs).toBe(20 * minute);
  });

  it('is too little history under 20 finished with success, and says how many there were', () => {
    const reading = historyFor(historySamples([...succeededIsolations(minimumFinished - 1), action({ status: 'Failed', createdAgoMs: day, tookMs: 1_000 })], options), { type: 'Isolate', scope: 'Full' }, 30);
    expect(reading).toMatchObject({ enough: false, finished: 20 });
    expect(enoughHistory(reading)).toBeUndefined();
    expect(historyFor(new Map(), { type: 'Offboard', scope: null }, 30)).toMatchObject({ enough: false, finished: 0, type: 'Offboard' });
    expect(readHistory(historySamples(succeededIsolations(minimumFinished), options).get('isolate/full') ?? fail()).enough).toBe(true);
  });

  it('leaves out actions created before the period, undated ones and ones dated far in the future', () => {
    const actions = [
      ...succeededIsolations(20),
      action({ status: 'Succeeded', createdAgoMs: 31 * day, tookMs: 10 * minute }),
      action({ status: 'Succeeded', createdAgoMs: -2 * day, tookMs: 10 * minute }),
    ];
    const undated = parseMachineAction(actionBody({ status: 'Succeeded', creationDateTimeUtc: null }));
    if (undated.ok) actions.push(undated.action);
    expect(historySamples(actions, options).get('isolate/full')?.durationsMs).toHaveLength(20);
  });

  it('counts the age of isolations still Pending in the high percentile of Pending time', () => {
    const moved = Array.from({ length: 40 }, (_, index) => action({ status: 'Succeeded', createdAgoMs: day, tookMs: 30_000 + index * 1_000 }));
    const waiting = Array.from({ length: 10 }, () => action({ status: 'Pending', createdAgoMs: 2 * day }));
    const without = enoughHistory(historyFor(historySamples(moved, options), { type: 'Isolate', scope: 'Full' }, 30));
    const withOffline = enoughHistory(historyFor(historySamples([...moved, ...waiting], options), { type: 'Isolate', scope: 'Full' }, 30));
    expect(without?.pendingHighMs).toBeCloseTo(67_050);
    expect(withOffline?.stillPending).toBe(10);
    expect(withOffline?.pendingHighMs).toBe(2 * day);
    expect(withOffline?.medianMs).toBe(without?.medianMs); // the waiting ones are not durations
  });

  it('keeps apart the Pending time of the actions a device picked up: the offline ones do not push it out', () => {
    const moved = Array.from({ length: 40 }, (_, index) => action({ status: 'Succeeded', createdAgoMs: day, tookMs: 30_000 + index * 1_000 }));
    const waiting = Array.from({ length: 10 }, () => action({ status: 'Pending', createdAgoMs: 2 * day }));
    const timedOut = Array.from({ length: 3 }, () => action({ status: 'TimeOut', createdAgoMs: 4 * day, tookMs: 3 * day }));
    const running = action({ status: 'InProgress', createdAgoMs: minute, tookMs: 8_000 });
    const history = enoughHistory(historyFor(historySamples([...moved, ...waiting, ...timedOut, running], options), { type: 'Isolate', scope: 'Full' }, 30));
    expect(history?.pickedUpMs).toHaveLength(41);
    expect(history?.pickedUpHighMs).toBeCloseTo(67_000);
    expect(history?.pendingMs).toHaveLength(54);
  });

  it('keeps durations and counts only: nothing that names a device, a person or an action', () => {
    const kept = JSON.stringify([...historySamples(succeededIsolations(25), options).values()]);
    expect(kept).not.toMatch(/contoso|dana|finance|5f1c3a9e|Isolate per/i);
    expect(Object.keys(JSON.parse(kept)[0] as object).sort()).toEqual(['durationsMs', 'outcomes', 'pendingMs', 'periodDays', 'pickedUpMs', 'scope', 'stillPending', 'type']);
  });
});

function fail(): never {
  throw new Error('expected samples');
}
