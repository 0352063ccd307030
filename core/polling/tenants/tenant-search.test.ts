import { describe, expect, it } from 'vitest';
import type { DefenderProblem } from '../../defender/defender-problem';
import type { Guid } from '../../lib/guid';
import { actionId, machineAction } from '../../testing/machine-actions';
import { recordCheck, type ActionWatch } from '../watch/watch-state';
import { judgeSearch, splitByTenant } from './tenant-search';

const tenants = ['contoso', 'fabrikam', 'northwind'];
const found = (): ActionWatch => recordCheck(undefined, { ok: true, action: machineAction() }, 1_000, 0.5);
const failed = (problem: DefenderProblem, at = 1_000): ActionWatch => recordCheck(undefined, { ok: false, problem }, at, 0.5);

describe('judgeSearch', () => {
  it('is searching until a tenant answers', () => {
    expect(judgeSearch(tenants, new Map())).toEqual({ kind: 'searching' });
  });

  it('finds the action in the tenant that returns it, whatever the others said', () => {
    const watch = found();
    const verdict = judgeSearch(tenants, new Map([['contoso', failed({ kind: 'not-found' })], ['northwind', watch], ['fabrikam', failed({ kind: 'forbidden' })]]));
    expect(verdict).toEqual({ kind: 'found', tenant: 'northwind', watch });
  });

  it('names where it was not found, where it could not be asked, and where the answer is still to come', () => {
    const verdict = judgeSearch(tenants, new Map([['contoso', failed({ kind: 'not-found' }, 1_000)], ['fabrikam', failed({ kind: 'forbidden', code: 'Forbidden' })]]));
    expect(verdict.kind).toBe('not-returned');
    const problem = verdict.kind === 'not-returned' ? verdict.watch.failure?.problem : undefined;
    expect(problem).toEqual({ kind: 'not-found', searched: { notIn: ['contoso'], couldNotAsk: [{ tenant: 'fabrikam', kind: 'forbidden' }], stillAsking: ['northwind'] } });
  });

  it("keeps the newest not-found answer's clock, which says when the grace ends", () => {
    const newer = failed({ kind: 'not-found' }, 9_000);
    const verdict = judgeSearch(tenants, new Map([['contoso', failed({ kind: 'not-found' }, 1_000)], ['fabrikam', newer], ['northwind', failed({ kind: 'not-found' }, 5_000)]]));
    expect(verdict.kind === 'not-returned' && verdict.watch.failure?.lastAt).toBe(9_000);
    expect(verdict.kind === 'not-returned' && verdict.watch.failure?.problem).toMatchObject({ searched: { notIn: tenants, couldNotAsk: [], stillAsking: [] } });
  });

  it('shows the first failure as it is when no tenant could say whether it has the action', () => {
    const network = failed({ kind: 'network', message: 'offline' });
    const verdict = judgeSearch(tenants, new Map([['fabrikam', network], ['northwind', failed({ kind: 'timeout', afterMs: 20_000 })]]));
    expect(verdict).toEqual({ kind: 'not-returned', watch: network });
  });
});

describe('splitByTenant', () => {
  const known = actionId as Guid;
  const unknown = '0b9e7c1a-0000-4000-8000-000000000001' as Guid;

  it('asks an ID of a known tenant there only, and one not known yet in every tenant', () => {
    const split = splitByTenant([known, unknown], tenants, (id) => (id === known ? 'fabrikam' : undefined));
    expect(split).toEqual(new Map([['contoso', [unknown]], ['fabrikam', [known, unknown]], ['northwind', [unknown]]]));
  });

  it('asks every ID in the one tenant there is, with nothing to look up', () => {
    expect(splitByTenant([known, unknown], ['contoso'], () => undefined)).toEqual(new Map([['contoso', [known, unknown]]]));
  });

  it('looks up again an ID remembered in a tenant no longer configured', () => {
    expect(splitByTenant([known], tenants, () => 'adatum')).toEqual(new Map(tenants.map((tenant) => [tenant, [known]])));
  });
});
