import { DEFENDER_RESOURCE, SIM_TENANTS, tenantIssuer } from '../constants.ts';
import { accountInTenant, type DemoAccount } from './accounts.ts';
import type { MfaDemands } from './mfa-demands.ts';
import type { TenantRequest } from './tenant-request.ts';

/** Why Entra gives an account no token in a tenant, in its words: an AADSTS code and its description. */
export interface EntraRefusal {
  readonly code: number;
  readonly description: string;
  /** `basic_action`: an interactive step (MFA) clears it; MSAL then throws InteractionRequiredAuthError. */
  readonly suberror?: 'basic_action';
}

/** The app the refusal names, as Entra writes it: its client id and display name. */
export interface RefusedApp {
  readonly clientId: string;
  readonly name: string;
}

function notInTenant(account: DemoAccount, request: TenantRequest, app: RefusedApp): EntraRefusal {
  const homeIdentityProvider = tenantIssuer(request.rootIssuer, SIM_TENANTS.home.id);
  return {
    code: 50020,
    description:
      `AADSTS50020: User account '${account.upn}' from identity provider '${homeIdentityProvider}' does not exist in tenant ` +
      `'${request.tenant.name}' and cannot access the application '${app.clientId}'(${app.name}) in that tenant. The account ` +
      'needs to be added as an external user in the tenant first. Sign out and sign in again with a different Azure Active ' +
      'Directory user account.',
  };
}

function mfaRequired(): EntraRefusal {
  return {
    code: 50076,
    description:
      'AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new location, you ' +
      `must use multi-factor authentication to access '${DEFENDER_RESOURCE}'.`,
    suberror: 'basic_action',
  };
}

/**
 * Whether the tenant of the request gives the account tokens: not when the account is not in it (neither a
 * member nor an invited guest), nor while the tenant demands MFA the account has not done there.
 */
export function tenantRefusal(account: DemoAccount, request: TenantRequest, mfa: MfaDemands, app: RefusedApp): EntraRefusal | undefined {
  if (accountInTenant(account, request.tenant.id) === undefined) return notInTenant(account, request, app);
  if (mfa.owes(request.tenant.id, account.oid)) return mfaRequired();
  return undefined;
}

/** An app registered in the home tenant only: another tenant has no service principal for it. */
export function appNotInTenant(clientId: string, request: TenantRequest): EntraRefusal {
  return {
    code: 700016,
    description:
      `AADSTS700016: Application with identifier '${clientId}' was not found in the directory '${request.tenant.name}'. This can ` +
      'happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.',
  };
}
