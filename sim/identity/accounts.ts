import { DEVICE_GROUPS, type DefenderScope } from '../constants.ts';

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
}

export const demoAccounts = {
  analyst: {
    login: 'analyst',
    oid: '0b5e9c1a-7d24-4f6e-8a3b-5c9d2e1f4a01',
    name: 'Dana Analyst',
    upn: 'dana.analyst@contoso.example',
    label: 'Dana Analyst (security analyst)',
    entitledScopes: ['Machine.Read', 'Machine.ReadWrite', 'Machine.Isolate'],
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
