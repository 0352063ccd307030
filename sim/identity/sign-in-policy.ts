import { errors, interactionPolicy, type KoaContextWithOIDC } from 'oidc-provider';
import { accountById } from './accounts.ts';
import { spaApp } from './app-registrations.ts';
import type { MfaDemands } from './mfa-demands.ts';
import { tenantRefusal } from './tenant-access.ts';
import { tenantOf } from './tenant-request.ts';

const { Check, Prompt } = interactionPolicy;

/** The name of the prompt that shows the "Approve sign-in" step (interactions.ts). */
export const MFA_PROMPT = 'mfa';

/**
 * A check that asks for the user when the tenant refuses the signed-in account for `code`. A silent
 * request (`prompt=none`) gets Entra's `interaction_required` with its AADSTS text: oidc-provider's own
 * checks carry fixed descriptions, so the check throws it itself.
 */
function refusalCheck(reason: string, code: number, mfa: MfaDemands): interactionPolicy.Check {
  return new Check(reason, `AADSTS${code}`, 'interaction_required', (ctx: KoaContextWithOIDC) => {
    const account = ctx.oidc.session?.accountId === undefined ? undefined : accountById(ctx.oidc.session.accountId);
    const refusal = account === undefined ? undefined : tenantRefusal(account, tenantOf(ctx.req), mfa, spaApp);
    if (refusal?.code !== code) return Check.NO_NEED_TO_PROMPT;
    if (ctx.oidc.promptPending('none')) throw new errors.InteractionRequired(refusal.description);
    return Check.REQUEST_PROMPT;
  });
}

/**
 * oidc-provider's login and consent, with Entra's tenant rules: an account the tenant does not have must
 * sign in again (with another account), and a tenant that demands MFA asks for it between the two.
 */
export function signInPolicy(mfa: MfaDemands): interactionPolicy.Prompt[] {
  const policy = interactionPolicy.base();
  // MSAL's `prompt: 'select_account'` is valid against Entra; the sign-in page doubles as the picker.
  policy.add(new Prompt({ name: 'select_account', requestable: true }), 0);
  policy.get('login')?.checks.add(refusalCheck('not_in_tenant', 50020, mfa));
  const consentAt = policy.findIndex((prompt) => prompt.name === 'consent');
  policy.add(new Prompt({ name: MFA_PROMPT, requestable: false }, refusalCheck('mfa_required', 50076, mfa)), consentAt);
  return policy;
}
