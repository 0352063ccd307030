import type { ClientMetadata } from 'oidc-provider';
import {
  CLIENT_ID,
  SIM_TENANTS,
  RELAY_CLIENT_ID,
  RELAY_CLIENT_SECRET,
  RELAY_SERVICE_PRINCIPAL_ID,
  type DefenderAppRole,
} from '../constants.ts';

/** The single-page app's registration, as Entra names it on its pages and in its errors. */
export const CLIENT_NAME = 'Machine Action Watch (local)';
export const spaApp = { clientId: CLIENT_ID, name: CLIENT_NAME } as const;

/**
 * An app registration that signs in as itself (client credentials), with the Defender application
 * permissions an admin consented to for its service principal.
 */
export interface AppRegistration {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly name: string;
  /** The service principal's object id: Entra writes it as `oid` and `sub` of the app's tokens. */
  readonly servicePrincipalId: string;
  /** What `.default` stands for: every role granted, and nothing else. */
  readonly grantedRoles: readonly DefenderAppRole[];
}

/** The relay reads machine actions for everyone who uses it, so it is granted reading only. */
export const relayApp: AppRegistration = {
  clientId: RELAY_CLIENT_ID,
  clientSecret: RELAY_CLIENT_SECRET,
  name: 'Machine Action Watch relay (local)',
  servicePrincipalId: RELAY_SERVICE_PRINCIPAL_ID,
  grantedRoles: ['Machine.Read.All'],
};

const registrations: readonly AppRegistration[] = [relayApp];

export function appRegistrationById(clientId: string): AppRegistration | undefined {
  return registrations.find((registration) => registration.clientId === clientId);
}

/** The secret goes in the token request's body, as MSAL Node and most Entra samples send it. */
export function appClientMetadata(registration: AppRegistration): ClientMetadata {
  return {
    client_id: registration.clientId,
    client_secret: registration.clientSecret,
    client_name: registration.name,
    token_endpoint_auth_method: 'client_secret_post',
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
  };
}

export function listAppRegistrations(): readonly AppRegistration[] {
  return registrations;
}

/**
 * Where an admin consented to the relay's app, a multitenant registration of the MSSP's: its home tenant, and
 * the customers that let it read their Defender (Fabrikam, Northwind). Tailspin and Adatum never did: their
 * token endpoints refuse it (AADSTS700016), so the relay leaves them to the browsers.
 */
const relayConsentedByDefault: readonly string[] = [SIM_TENANTS.home.id, SIM_TENANTS.fabrikam.id, SIM_TENANTS.northwind.id];

/** Which tenants have consented to the relay's app now: the control API withdraws or gives it per tenant. */
export interface RelayConsents {
  consented(tenantId: string): boolean;
  set(tenantId: string, consented: boolean): void;
  reset(): void;
}

export function createRelayConsents(): RelayConsents {
  const changed = new Map<string, boolean>();
  return {
    consented: (tenantId) => changed.get(tenantId) ?? relayConsentedByDefault.includes(tenantId),
    set(tenantId, consented) {
      changed.set(tenantId, consented);
    },
    reset() {
      changed.clear();
    },
  };
}
