import { describe, expect, it } from 'vitest';
import { profileFor } from './defender/duration-distributions.ts';
import { statusOf, textField, viewAction } from './defender/machine-action.ts';
import { applyListQuery, parseListQuery } from './defender/odata-query.ts';
import { parseDefenderTime } from './defender/timestamps.ts';
import { DEVICE_GROUPS } from './constants.ts';
import { reachedStep } from './defender/timeline.ts';
import { branchOfficeActions, customerActions, customerMachines, customerSeeds, historyDevices, offlineHistoryDevices, seedActions, seedDevices, seededActions, seededHistory, seededMachines } from './seed.ts';

const now = Date.parse('2026-11-30T12:00:00Z');
const dayMs = 86_400_000;
const views = seedActions(now).map((action) => viewAction(action, now));
const history = views.filter((view) => seededHistory.idPattern.test(textField(view, 'id') ?? ''));

const timeOf = (view: (typeof views)[number], key: string) => parseDefenderTime(textField(view, key) ?? '') ?? Number.NaN;
const durationOf = (view: (typeof views)[number]) => timeOf(view, 'lastUpdateDateTimeUtc') - timeOf(view, 'creationDateTimeUtc');

function ofKind(type: string, scope: string | null) {
  return history.filter((view) => textField(view, 'type') === type && (view.scope ?? null) === scope);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

describe('the seeded demo actions', () => {
  it('keep their fixed ids, first and in order, whatever the history adds', () => {
    expect(views.slice(0, Object.keys(seededActions).length).map((view) => view.id)).toEqual(Object.values(seededActions));
    expect(views.filter((view) => !seededHistory.idPattern.test(textField(view, 'id') ?? ''))).toHaveLength(Object.keys(seededActions).length);
  });
});

describe('the seeded device groups', () => {
  const groupOf = new Map(seedDevices().map((device) => [device.machineId, device.deviceGroup]));
  const groupOfAction = (view: (typeof views)[number]) => groupOf.get(textField(view, 'machineId') ?? '');

  it('put the Branch Office actions, one of them running, and only those, on Branch Office devices', () => {
    const inBranch = views.filter((view) => groupOfAction(view) === DEVICE_GROUPS.branchOffice);
    expect(inBranch.map((view) => view.id)).toEqual(branchOfficeActions);
    expect(inBranch.some((view) => statusOf(view) === 'InProgress')).toBe(true);
  });

  it('place every seeded device in a group, most of them in Servers or Workstations', () => {
    expect(views.every((view) => groupOfAction(view) !== undefined)).toBe(true);
    const groups = seedDevices().map((device) => device.deviceGroup);
    const usual = groups.filter((group) => group === DEVICE_GROUPS.servers || group === DEVICE_GROUPS.workstations);
    expect(usual.length).toBeGreaterThan(groups.length / 2);
    expect(new Set(groups)).toEqual(new Set(Object.values(DEVICE_GROUPS)));
  });
});

describe('the seeded history', () => {
  it('is the same on every reset: only the time of the reset moves it', () => {
    const later = seedActions(now + 3_600_000).map((action) => viewAction(action, now + 3_600_000));
    expect(later.map((view) => [view.id, view.status, view.machineId, durationOf(view)])).toEqual(views.map((view) => [view.id, view.status, view.machineId, durationOf(view)]));
  });

  it('has ids of its own pattern, each once', () => {
    const ids = history.map((view) => textField(view, 'id'));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => seededHistory.idPattern.test(id ?? ''))).toBe(true);
    expect(Object.values(seededActions).some((id) => seededHistory.idPattern.test(id))).toBe(false);
  });

  it("is never the demo analyst's: her recent actions stay as they were", () => {
    expect(history.map((view) => view.requestor)).not.toContain('dana.analyst@contoso.example');
    expect(history.every((view) => view.cancellationRequestor !== 'dana.analyst@contoso.example')).toBe(true);
  });

  it("runs on devices of its own: no demo device's last 10 actions change", () => {
    const demo = new Set<string>(Object.values(seededMachines).map((device) => device.machineId));
    expect(history.some((view) => demo.has(textField(view, 'machineId') ?? ''))).toBe(false);
    const devices = seedDevices().map((device) => device.machineId);
    expect(new Set(devices).size).toBe(devices.length);
    expect(devices).toEqual(expect.arrayContaining([...historyDevices, ...offlineHistoryDevices].map((device) => device.machineId)));
    expect(historyDevices.every((device) => /^[0-9a-f]{40}$/.test(device.machineId))).toBe(true);
  });

  it('has at least 40 finished of each common kind in the last 30 days, and too few offboardings', () => {
    for (const plan of seededHistory.plans.filter((candidate) => candidate.type !== 'Offboard')) {
      const finished = ofKind(plan.type, plan.scope).filter((view) => statusOf(view) !== 'Pending' && timeOf(view, 'creationDateTimeUtc') > now - 30 * dayMs);
      expect(finished.length, `${plan.type} ${plan.scope ?? ''}`).toBeGreaterThanOrEqual(40);
    }
    expect(ofKind('Offboard', null).length).toBeLessThan(20);
  });

  it('has durations around each profile’s median, and all of it inside the period', () => {
    for (const plan of seededHistory.plans.filter((candidate) => candidate.finished >= 40)) {
      const succeeded = ofKind(plan.type, plan.scope).filter((view) => statusOf(view) === 'Succeeded');
      const expected = profileFor(plan.type, plan.scope)?.medianMs ?? Number.NaN;
      const ratio = median(succeeded.map(durationOf)) / expected;
      expect(ratio, `${plan.type} ${plan.scope ?? ''}`).toBeGreaterThan(0.85);
      expect(ratio, `${plan.type} ${plan.scope ?? ''}`).toBeLessThan(1.15);
    }
    expect(history.every((view) => timeOf(view, 'creationDateTimeUtc') > now - 30 * dayMs && timeOf(view, 'lastUpdateDateTimeUtc') <= now)).toBe(true);
  });

  it('has a few failures, timeouts and cancellations, and isolations waiting on offline devices', () => {
    const count = (status: string) => history.filter((view) => statusOf(view) === status).length;
    expect(count('Failed')).toBeGreaterThanOrEqual(5);
    expect(count('TimeOut')).toBeGreaterThanOrEqual(3);
    expect(count('Cancelled')).toBeGreaterThanOrEqual(3);
    expect(history.filter((view) => statusOf(view) === 'Failed').every((view) => view.errorHResult !== 0)).toBe(true);
    const waiting = history.filter((view) => statusOf(view) === 'Pending');
    const offline = new Set(offlineHistoryDevices.map((device) => device.machineId));
    expect(waiting).toHaveLength(4);
    expect(waiting.every((view) => view.type === 'Isolate' && offline.has(textField(view, 'machineId') ?? ''))).toBe(true);
    expect(waiting.every((view) => now - timeOf(view, 'creationDateTimeUtc') >= 3_600_000)).toBe(true);
  });

  it("answers the app's history call: the newest 200 of one type in the last 30 days", () => {
    const since = new Date(now - 30 * dayMs).toISOString();
    const query = parseListQuery(new URLSearchParams({ $filter: `type eq 'Isolate' and creationDateTimeUtc gt ${since}`, $orderby: 'creationDateTimeUtc desc', $top: '200' }));
    const answer = applyListQuery(query, views);
    expect(answer.length).toBeGreaterThanOrEqual(190 + 4); // 190 finished isolations of the history, the 4 waiting, the demo ones
    expect(answer.length).toBeLessThanOrEqual(200);
    expect(answer.every((view) => view.type === 'Isolate')).toBe(true);
    const created = answer.map((view) => timeOf(view, 'creationDateTimeUtc'));
    expect(created).toEqual([...created].sort((a, b) => b - a));
  });
});

describe("the customers' seeds", () => {
  const homeIds = new Set(views.map((view) => view.id));
  const seeded = (key: keyof typeof customerSeeds) => customerSeeds[key].actions(now);
  const viewsOf = (key: keyof typeof customerSeeds) => seeded(key).map((action) => viewAction(action, now));

  it.each(['fabrikam', 'northwind', 'tailspin'] as const)("give %s its fixed ids first, all of its own pattern, none the home tenant's", (key) => {
    const ids = viewsOf(key).map((view) => String(view.id));
    const fixed = Object.values(customerActions[key]);
    expect(ids.slice(0, fixed.length)).toEqual(fixed);
    expect(new Set(ids).size).toBe(ids.length);
    const pattern = fixed[0]?.slice(0, 24) ?? '';
    expect(ids.every((id) => id.startsWith(pattern) && !homeIds.has(id))).toBe(true);
  });

  it.each(['fabrikam', 'northwind'] as const)('give %s a running action that succeeds 30–60 s after its first read, a Succeeded and a Failed one', (key) => {
    const [running, succeeded, failed] = seeded(key);
    expect([running, succeeded, failed].map((action) => action && statusOf(viewAction(action, now)))).toEqual([expect.stringMatching(/^(Pending|InProgress)$/), 'Succeeded', 'Failed']);
    expect(running?.startsOn).toBe('first-read');
    const finish = running?.timeline.find((step) => step.status === 'Succeeded')?.afterMs ?? 0;
    expect(finish).toBeGreaterThanOrEqual(30_000);
    expect(finish).toBeLessThanOrEqual(60_000);
    expect(reachedStep(running?.timeline ?? [], now, now + finish)?.status).toBe('Succeeded');
    expect(failed && viewAction(failed, now).errorHResult).toEqual(expect.any(Number));
  });

  it.each(['fabrikam', 'northwind', 'tailspin'] as const)('give %s a small history of finished actions, on devices named in its own domain', (key) => {
    const history = viewsOf(key).slice(Object.keys(customerActions[key]).length);
    expect(history.length).toBeGreaterThanOrEqual(24);
    expect(history.length).toBeLessThanOrEqual(60);
    expect(history.every((view) => statusOf(view) !== 'Pending' && statusOf(view) !== 'InProgress')).toBe(true);
    expect(customerSeeds[key].devices.every((device) => device.computerDnsName.endsWith(`.${key}.example`))).toBe(true);
  });

  it("give Adatum's Defender a device of its own and no actions", () => {
    expect(seeded('adatum')).toEqual([]);
    expect(customerSeeds.adatum.defaultDevice).toBe(customerMachines.adatum.workstation);
  });
});
