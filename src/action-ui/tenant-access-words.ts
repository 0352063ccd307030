import type { DefenderProblem } from '../../core/defender/defender-problem';

/** What one tenant's trouble is, in a title and a sentence, and whether a sign-in to it is the way out. */
export interface TenantAccessWords {
  title: string;
  message: string;
  signIn: boolean;
}

/** Entra's error codes (AADSTS…) in a refused sign-in, and what they ask of the analyst or the tenant's admin. */
const signInCodes: { codes: number[]; title: string; message: (tenant: string) => string; signIn: boolean }[] = [
  {
    codes: [50020, 90072, 50177],
    title: 'your account is not in this tenant',
    message: (tenant) => `${tenant} does not know your account. Its admin must invite you as a guest (or give you access through GDAP), with a Defender role.`,
    signIn: false,
  },
  {
    codes: [50076, 50079, 50074, 50158],
    title: 'it asks you to verify your sign-in',
    message: (tenant) => `${tenant} asks for multi-factor authentication or another check before it gives a token.`,
    signIn: true,
  },
  {
    codes: [50105, 53003, 530003],
    title: 'its access policy refuses this sign-in',
    message: (tenant) => `${tenant}'s conditional access or app assignment refuses this sign-in. Its admin must let your account use this app.`,
    signIn: false,
  },
  {
    codes: [65001, 65004, 90094],
    title: 'the app is not consented to there',
    message: (tenant) => `${tenant}'s admin must grant consent to this app for the delegated permission Machine.Read.`,
    signIn: false,
  },
];

function entraCode(message: string | undefined): number | undefined {
  const match = /AADSTS(\d{5,6})/.exec(message ?? '');
  return match ? Number(match[1]) : undefined;
}

/**
 * The words for a problem every action of one customer's tenant meets, naming the tenant and what its
 * admin must grant; undefined for a problem that is not the tenant's. Nothing else stops for it.
 */
export function tenantAccessWords(tenant: string, problem: DefenderProblem): TenantAccessWords | undefined {
  switch (problem.kind) {
    case 'forbidden':
      return {
        title: `${tenant}: no Defender role`,
        message: `Defender in ${tenant} refuses your account (HTTP 403). Its admin must give you a Defender role that can view machine actions there (or add you to a group that has one).`,
        signIn: false,
      };
    case 'sign-in-required': {
      const code = entraCode(problem.message);
      const known = signInCodes.find((entry) => code !== undefined && entry.codes.includes(code));
      if (known) return { title: `${tenant}: ${known.title}`, message: `${known.message(tenant)} (AADSTS${code})`, signIn: known.signIn };
      return { title: `${tenant} asks you to sign in`, message: `${tenant} gives no token from your sign-in without you: sign in to it once.`, signIn: true };
    }
    case 'cross-origin':
      return {
        title: `${tenant}: its API refuses this page`,
        message: `${tenant}'s Defender API refuses calls from this page. Give it a same-origin apiBaseUrl in the tenants setting.`,
        signIn: false,
      };
    default:
      return undefined;
  }
}
