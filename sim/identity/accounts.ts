import { CUSTOMER_TENANT_KEYS, DEVICE_GROUPS, SIM_TENANTS, type CustomerTenantKey, type DefenderScope } from '../constants.ts';

/** A B2B guest's place in a customer's tenant: whether the customer gave the guest a Defender role. */
export interface GuestAccess {
  /** Without one, the customer's Defender answers the guest 403 (Entra still signs the guest in). */
  readonly defenderRole: boolean;
}

export interface DemoAccount {
  /** The value of the sign-in form's `login` radio. */
  readonly login: string;
  /** Entra object id; also the OIDC `sub`, so MSAL's account ids stay stable across restarts. */
  readonly oid: string;
  readonly name: string;
  readonly upn: string;
  readonly label: string;
  /** Scopes the user may exercise; the token's `scp` keeps only these. */
  readonly entitledScopes: readonly DefenderScope[];
  /**
   * The Defender device groups the user's role covers; absent: every group. The token does not carry
   * them (Entra knows nothing of Defender's RBAC): the Defender emulation looks them up by `oid`.
   */
  readonly deviceGroups?: readonly string[];
  /**
   * The customers' tenants where the account is a B2B guest; it is a member of the home tenant only, and is
   * in no other. Its oid and UPN are the same in each (see sim/README.md for how Entra differs).
   */
  readonly guestOf?: Readonly<Partial<Record<CustomerTenantKey, GuestAccess>>>;
}

export const demoAccounts = {
  analyst: {
    login: 'analyst',
    oid: '0b5e9c1a-7d24-4f6e-8a3b-5c9d2e1f4a01',
    name: 'Dana Analyst',
    upn: 'dana.analyst@contoso.example',
    label: 'Dana Analyst (security analyst)',
    entitledScopes: ['Machine.Read', 'Machine.ReadWrite', 'Machine.Isolate'],
    // The MSSP's analyst: invited to three customers, one of which gave her no Defender role. Adatum did not invite her.
    guestOf: { fabrikam: { defenderRole: true }, northwind: { defenderRole: true }, tailspin: { defenderRole: false } },
  },
  noAccess: {
    login: 'no-access',
    oid: '9a4c2e7f-1b3d-4c5e-9f80-6d7e8a9b0c02',
    name: 'Riley Reader',
    upn: 'riley.reader@contoso.example',
    label: 'Riley Reader (no Machine.Read)',
    entitledScopes: [],
  },
  /** A guest from another tenant: its UPN is not what Defender records as the requestor of its actions. */
  guest: {
    login: 'guest',
    oid: '4e7d1c3b-2a9f-4b8e-8c6d-1f0a3b5c7d03',
    name: 'Sam Guest',
    upn: 'sam.guest_fabrikam.example#EXT#@contoso.onmicrosoft.com',
    label: 'Sam Guest (guest account)',
    entitledScopes: ['Machine.Read'],
  },
  /** A branch IT admin whose Defender role covers one device group: other actions do not exist for her. */
  branch: {
    login: 'branch',
    oid: '2c8f5a1d-9e3b-4d70-b6a4-8e1f3c5d7b04',
    name: 'Robin Branch',
    upn: 'robin.branch@contoso.example',
    label: 'Robin Branch (Branch Office devices only)',
    entitledScopes: ['Machine.Read'],
    deviceGroups: [DEVICE_GROUPS.branchOffice],
  },
} as const satisfies Record<string, DemoAccount>;

/** What the sign-in form accepts: 'analyst', 'no-access', 'guest' or 'branch'. */
export type DemoLogin = (typeof demoAccounts)[keyof typeof demoAccounts]['login'];

const accounts: readonly DemoAccount[] = Object.values(demoAccounts);

export function accountByLogin(login: string): DemoAccount | undefined {
  return accounts.find((account) => account.login === login);
}

export function accountById(oid: string): DemoAccount | undefined {
  return accounts.find((account) => account.oid === oid);
}

export function listAccounts(): readonly DemoAccount[] {
  return accounts;
}

/** The account's place in the tenant: `member` of the home tenant, a `guest` where invited, else undefined. */
export function accountInTenant(account: DemoAccount, tenantId: string): { kind: 'member' } | ({ kind: 'guest' } & GuestAccess) | undefined {
  if (tenantId === SIM_TENANTS.home.id) return { kind: 'member' };
  const key = CUSTOMER_TENANT_KEYS.find((customer) => SIM_TENANTS[customer].id === tenantId);
  const guest = key === undefined ? undefined : account.guestOf?.[key];
  return guest === undefined ? undefined : { kind: 'guest', ...guest };
}

/**
 * The account's Defender role in the tenant (Defender's RBAC, which no token carries): a member's covers
 * its device groups (every one when it lists none); a guest has one only if the customer gave it one.
 */
export function defenderRoleIn(account: DemoAccount, tenantId: string): { readonly deviceGroups?: readonly string[] } | undefined {
  const place = accountInTenant(account, tenantId);
  if (place === undefined || (place.kind === 'guest' && !place.defenderRole)) return undefined;
  return place.kind === 'member' && account.deviceGroups !== undefined ? { deviceGroups: account.deviceGroups } : {};
}
