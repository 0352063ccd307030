import { useCallback, useSyncExternalStore } from 'react';
import type { Guid } from '../../../core/lib/guid';
import type { TenantSettings } from '../../config/settings';
import { useSettings } from '../../config/settings-context';
import { readActionTenants, subscribeActionTenants } from '../tenants/action-tenants';

/**
 * The tenant each action belongs to, for the pages: with one tenant, every action's; with several, the one
 * it was found in (or a link named), undefined while it is still looked up.
 */
export function useTenantOf(): (id: Guid) => TenantSettings | undefined {
  const { tenants } = useSettings();
  const known = useSyncExternalStore(subscribeActionTenants, readActionTenants);
  return useCallback(
    (id: Guid) => {
      if (tenants.length === 1) return tenants[0];
      const tenant = known.get(id);
      return tenant === undefined ? undefined : tenants.find((each) => each.id === tenant);
    },
    [tenants, known],
  );
}

export function useActionTenant(id: Guid): TenantSettings | undefined {
  return useTenantOf()(id);
}
