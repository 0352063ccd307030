import { describe, expect, it, vi } from 'vitest';
import type { DefenderProblem } from '../../../core/defender/defender-problem';
import type { Guid } from '../../../core/lib/guid';
import { recordCheck, type ActionWatch } from '../../../core/polling/watch/watch-state';
import { machineAction } from '../../../core/testing/machine-actions';
import { TenantAnswers } from './tenant-answers';

const id = '22222222-2222-4222-8222-000000000001' as Guid;
const tenants = [
  { id: 'contoso-id', name: 'Contoso' },
  { id: 'fabrikam-id', name: 'Fabrikam' },
  { id: 'tailspin-id', name: 'Tailspin Toys' },
];
const found = (): ActionWatch => recordCheck(undefined, { ok: true, action: machineAction({ id }) }, 1_000, 0.5);
const failed = (problem: DefenderProblem): ActionWatch => recordCheck(undefined, { ok: false, problem }, 1_000, 0.5);

function answers(known: Record<string, string> = {}, list = tenants, hinted = new Set<Guid>()) {
  const remembered = new Map<Guid, string>(Object.entries(known) as [Guid, string][]);
  const show = vi.fn();
  const onTenantProblem = vi.fn();
  const answers = new TenantAnswers({
    tenants: list,
    tenantOf: (each) => remembered.get(each),
    remember: (each, tenant) => {
      remembered.set(each, tenant);
      hinted.delete(each);
    },
    isHinted: (each) => hinted.has(each),
    forgetHint: (each) => {
      hinted.delete(each);
      remembered.delete(each);
    },
    show,
    onTenantProblem,
  });
  return { answers, show, onTenantProblem, remembered, hinted };
}

describe('TenantAnswers', () => {
  it('shows nothing while a lookup has no answer, then the action from the tenant that returns it, and remembers that tenant', () => {
    const { answers: each, show, remembered } = answers();
    each.receive('contoso-id', id, failed({ kind: 'not-found' }), 1_000);
    expect(show).toHaveBeenLastCalledWith(id, expect.objectContaining({ failure: expect.objectContaining({ problem: expect.objectContaining({ searched: { notIn: ['Contoso'], couldNotAsk: [], stillAsking: ['Fabrikam', 'Tailspin Toys'] } }) }) }), 1_000);
    const watch = found();
    each.receive('fabrikam-id', id, watch, 2_000);
    expect(show).toHaveBeenLastCalledWith(id, watch, 2_000);
    expect(remembered.get(id)).toBe('fabrikam-id');
  });

  it("shows a known tenant's action as that tenant reads it, and ignores another tenant's stale word on it", () => {
    const { answers: each, show } = answers({ [id]: 'fabrikam-id' });
    each.receive('contoso-id', id, failed({ kind: 'not-found' }), 1_000);
    expect(show).not.toHaveBeenCalled();
    const watch = found();
    each.receive('fabrikam-id', id, watch, 2_000);
    expect(show).toHaveBeenCalledWith(id, watch, 2_000);
  });

  it("drops a link's tenant that does not have the action, so that every tenant is asked, and keeps one that does as found", () => {
    const { answers: each, show, remembered, hinted } = answers({ [id]: 'fabrikam-id' }, tenants, new Set([id]));
    each.receive('fabrikam-id', id, failed({ kind: 'not-found' }), 1_000);
    expect(show).not.toHaveBeenCalled();
    expect(remembered.has(id)).toBe(false);
    const other = '22222222-2222-4222-8222-000000000003' as Guid;
    remembered.set(other, 'contoso-id');
    hinted.add(other);
    const watch = recordCheck(undefined, { ok: true, action: machineAction({ id: other }) }, 1_000, 0.5);
    each.receive('contoso-id', other, watch, 1_000);
    expect(show).toHaveBeenCalledWith(other, watch, 1_000);
    expect(hinted.has(other)).toBe(false);
  });

  it('shows every answer as it is with one tenant: nothing to look up', () => {
    const { answers: each, show } = answers({}, [tenants[0]]);
    const watch = failed({ kind: 'not-found' });
    each.receive('contoso-id', id, watch, 1_000);
    expect(show).toHaveBeenCalledWith(id, watch, 1_000);
  });

  it("tells a tenant's own problem once, and once more when the tenant answers again", () => {
    const { answers: each, onTenantProblem } = answers();
    const forbidden: DefenderProblem = { kind: 'forbidden', code: 'Forbidden' };
    each.receive('tailspin-id', id, failed(forbidden), 1_000);
    each.receive('tailspin-id', '22222222-2222-4222-8222-000000000002' as Guid, failed(forbidden), 1_000);
    expect(onTenantProblem).toHaveBeenCalledTimes(1);
    expect(onTenantProblem).toHaveBeenCalledWith('tailspin-id', forbidden);
    each.receive('tailspin-id', id, failed({ kind: 'not-found' }), 2_000);
    expect(onTenantProblem).toHaveBeenLastCalledWith('tailspin-id', undefined);
    each.receive('contoso-id', id, failed({ kind: 'network', message: 'offline' }), 2_000);
    expect(onTenantProblem).toHaveBeenCalledTimes(2);
  });
});
