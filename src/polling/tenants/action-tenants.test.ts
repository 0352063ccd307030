import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Guid } from '../../../core/lib/guid';
import { actionTenantsStorageKey, forgetHint, hintTenants, isHinted, readActionTenants, rememberTenants, subscribeActionTenants } from './action-tenants';

const a = '22222222-2222-4222-8222-000000000001' as Guid;
const b = '33333333-3333-4333-8333-000000000001' as Guid;

afterEach(() => localStorage.clear());

describe('the tenants of actions, remembered in this browser', () => {
  it('keeps each action with its tenant for every tab, and tells this tab of a change', () => {
    const changed = vi.fn();
    const stop = subscribeActionTenants(changed);
    rememberTenants([
      [a, 'fabrikam'],
      [b, 'northwind'],
    ]);
    expect(readActionTenants()).toEqual(new Map([[a, 'fabrikam'], [b, 'northwind']]));
    expect(JSON.parse(localStorage.getItem(actionTenantsStorageKey)!)).toEqual({ [a]: 'fabrikam', [b]: 'northwind' });
    expect(changed).toHaveBeenCalledTimes(1);
    rememberTenants([[a, 'fabrikam']]);
    expect(changed).toHaveBeenCalledTimes(1); // nothing new
    stop();
  });

  it("takes a link's word only for an action not found yet, drops it on request, and lets a finding replace it", () => {
    rememberTenants([[a, 'fabrikam']]);
    hintTenants([
      [a, 'northwind'],
      [b, 'northwind'],
    ]);
    // A link cannot move an action found in Fabrikam: a crafted link would hide it there.
    expect(readActionTenants()).toEqual(new Map([[a, 'fabrikam'], [b, 'northwind']]));
    expect([isHinted(a), isHinted(b)]).toEqual([false, true]);
    forgetHint(a); // not a hint: kept
    expect(readActionTenants().get(a)).toBe('fabrikam');
    forgetHint(b);
    expect(readActionTenants().has(b)).toBe(false);
    hintTenants([[b, 'northwind']]);
    rememberTenants([[b, 'tailspin']]);
    expect(readActionTenants().get(b)).toBe('tailspin');
    expect(isHinted(b)).toBe(false);
  });

  it('gives the same map while nothing changed, as useSyncExternalStore asks', () => {
    rememberTenants([[a, 'fabrikam']]);
    expect(readActionTenants()).toBe(readActionTenants());
  });

  it('believes only IDs from what is stored, and starts afresh from what is not a map', () => {
    localStorage.setItem(actionTenantsStorageKey, JSON.stringify({ [a]: 'fabrikam', '<script>': 'x' }));
    expect(readActionTenants()).toEqual(new Map([[a, 'fabrikam']]));
    localStorage.setItem(actionTenantsStorageKey, '[1, 2');
    expect(readActionTenants()).toEqual(new Map());
  });

  it('remembers for this page when storage refuses the write', () => {
    const setItem = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    rememberTenants([[a, 'fabrikam']]);
    expect(readActionTenants().get(a)).toBe('fabrikam');
    setItem.mockRestore();
  });
});
