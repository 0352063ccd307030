import { createDefenderClient, type DefenderClient } from '../../core/defender/defender-client';
import { useDefenderSetup, type DefenderSetup } from './defender-context';

/** One Defender client per tenant the analyst watches, each asking MSAL for that tenant's token. */
export interface Defenders {
  /** The client of a configured tenant (by its key: settings' `tenants[].id`); it throws for any other. */
  of(tenant: string): DefenderClient;
}

const made = new WeakMap<DefenderSetup, Defenders>();

/** The clients of a setup, made once: every page and the poller share each tenant's client. */
export function defendersOf(setup: DefenderSetup): Defenders {
  const known = made.get(setup);
  if (known) return known;
  const clients = new Map(
    setup.tenants.map((tenant) => [
      tenant.id,
      createDefenderClient({
        apiBaseUrl: tenant.apiBaseUrl,
        getAccessToken: (request) => setup.getAccessToken(tenant, request),
        pageOrigin: setup.pageOrigin,
        isOnline: setup.isOnline,
        fetch: setup.fetch,
      }),
    ]),
  );
  const defenders: Defenders = {
    of(tenant) {
      const client = clients.get(tenant);
      if (!client) throw new Error(`No tenant "${tenant}" is configured.`);
      return client;
    },
  };
  made.set(setup, defenders);
  return defenders;
}

export function useDefenders(): Defenders {
  return defendersOf(useDefenderSetup());
}
