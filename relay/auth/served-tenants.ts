import { isDefenderRequestError } from '../../core/defender/defender-problem';
import type { RelaySettings } from '../config/settings';
import { appTokenSource } from './app-token';
import { discoverEndpoints, type IdentityEndpoints } from './oidc-discovery';

/** The relay's own token in one tenant, shaped as the app's DefenderClient wants its token source. */
export type AppToken = (request: { forceRefresh: boolean }) => Promise<string>;

/** A tenant the relay serves: where its analysts' tokens come from, and the relay's own token there. */
export interface ServedTenant {
  id: string;
  name: string;
  /** TENANT_ID's: served whatever its token endpoint says, as a single-tenant relay always was. */
  home: boolean;
  identity: IdentityEndpoints;
  /** Accepted `iss` values of its analysts' tokens. */
  issuers: string[];
  appToken: AppToken;
}

/** A tenant of the deployment the relay does not serve, and why, in words safe to send and log (no secret). */
export interface UnservedTenant {
  tenantId: string;
  name: string;
  reason: string;
}

export interface RelayTenants {
  served: ServedTenant[];
  unserved: UnservedTenant[];
}

/** The home tenant's endpoints: the settings where given, discovery for the rest. */
async function homeEndpoints(settings: RelaySettings, fetchImpl: typeof fetch): Promise<IdentityEndpoints> {
  const given = { issuer: settings.tokenIssuers?.[0], jwksUrl: settings.jwksUrl, tokenUrl: settings.tokenUrl };
  if (given.issuer && given.jwksUrl && given.tokenUrl) return { issuer: given.issuer, jwksUrl: given.jwksUrl, tokenUrl: given.tokenUrl };
  const found = await discoverEndpoints(settings.authority, fetchImpl);
  return { issuer: given.issuer ?? found.issuer, jwksUrl: given.jwksUrl ?? found.jwksUrl, tokenUrl: given.tokenUrl ?? found.tokenUrl };
}

function tokenSource(settings: RelaySettings, tokenUrl: string, fetchImpl: typeof fetch | undefined): AppToken {
  return appTokenSource({ tokenUrl, clientId: settings.relayClientId, clientSecret: settings.relayClientSecret, resource: settings.defenderResource, fetch: fetchImpl });
}

/**
 * Which tenants the relay serves: the home tenant always, and each customer whose token endpoint gives the
 * relay's own app a token now (a multitenant app an admin consented to there). Asked once, at start-up: a
 * customer that refuses it (not consented: AADSTS700016) is left to the browsers, with the reason.
 */
export async function relayTenants(settings: RelaySettings, fetchImpl?: typeof fetch): Promise<RelayTenants> {
  const identity = await homeEndpoints(settings, fetchImpl ?? fetch);
  const home: ServedTenant = {
    id: settings.tenantId,
    name: 'the home tenant',
    home: true,
    identity,
    issuers: settings.tokenIssuers ?? [identity.issuer],
    appToken: tokenSource(settings, identity.tokenUrl, fetchImpl),
  };
  const customers = await Promise.all(
    settings.customers.map(async (customer): Promise<ServedTenant | UnservedTenant> => {
      try {
        const found = await discoverEndpoints(customer.authority, fetchImpl);
        const appToken = tokenSource(settings, found.tokenUrl, fetchImpl);
        await appToken({ forceRefresh: false });
        return { id: customer.id, name: customer.name, home: false, identity: found, issuers: customer.tokenIssuers, appToken };
      } catch (error) {
        // The token source's and discovery's messages name no secret: the answer's codes at most.
        const reason = (isDefenderRequestError(error) && 'message' in error.problem ? error.problem.message : undefined) ?? (error as Error).message;
        return { tenantId: customer.id, name: customer.name, reason };
      }
    }),
  );
  return {
    served: [home, ...customers.filter((tenant): tenant is ServedTenant => 'appToken' in tenant)],
    unserved: customers.filter((tenant): tenant is UnservedTenant => !('appToken' in tenant)),
  };
}
