import type { DefenderScope } from '../constants.ts';

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
} as const satisfies Record<string, DemoAccount>;

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
