import type { DemoAccount } from './accounts.ts';

/** oidc-provider's default pages load web fonts from the internet; these are self-contained. */

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const STYLE = `
  :root { color-scheme: light dark; }
  body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
    margin: 0; padding: 2rem 1rem; line-height: 1.5; background: Canvas; color: CanvasText; }
  main { max-width: 28rem; margin: 0 auto; }
  h1 { font-size: 1.5rem; margin: 0 0 0.5rem; }
  p { margin: 0 0 1rem; }
  fieldset { border: 1px solid GrayText; border-radius: 0.5rem; padding: 0.75rem 1rem; margin: 0 0 1rem; }
  legend { padding: 0 0.25rem; font-weight: 600; }
  label { display: flex; gap: 0.5rem; align-items: center; padding: 0.375rem 0; cursor: pointer; }
  input[type="radio"] { width: 1.125rem; height: 1.125rem; margin: 0; }
  button { font: inherit; font-weight: 600; padding: 0.5rem 1.25rem; border-radius: 0.375rem;
    border: 1px solid #0f5ea8; background: #0f6cbd; color: #fff; cursor: pointer; }
  button:focus-visible, input:focus-visible { outline: 3px solid #5b9bd5; outline-offset: 2px; }
  .note { color: GrayText; font-size: 0.875rem; }
  pre { white-space: pre-wrap; overflow-wrap: anywhere; }
`;

function page(title: string, body: string, script = ''): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>${script}
</body>
</html>`;
}

export function signInPage(options: {
  action: string;
  accounts: readonly DemoAccount[];
  clientName: string;
  /** Named under a tenant's path; the root's page stays as it always was. */
  tenantName?: string;
}): string {
  const choices = options.accounts
    .map(
      (account, index) =>
        `    <label><input type="radio" name="login" value="${escapeHtml(account.login)}"${
          index === 0 ? ' checked' : ''
        }>${escapeHtml(account.label)}</label>`,
    )
    .join('\n');
  return page(
    'Sign in - Defender simulator',
    `<h1>Sign in</h1>
<p>to ${escapeHtml(options.clientName)}${
      options.tenantName === undefined ? '' : ` in ${escapeHtml(options.tenantName)}`
    } with a demo account of the local Defender simulator.</p>
<form method="post" action="${escapeHtml(options.action)}">
  <fieldset>
    <legend>Demo account</legend>
${choices}
  </fieldset>
  <button type="submit">Sign in</button>
</form>
<p class="note">Local simulator: no password, nothing leaves this machine.</p>`,
  );
}

/** A tenant's Conditional Access asks for a second factor: one click stands in for the authenticator app. */
export function approveSignInPage(options: { action: string; account: DemoAccount; tenantName: string }): string {
  return page(
    'Approve sign-in - Defender simulator',
    `<h1>Approve sign-in</h1>
<p>${escapeHtml(options.tenantName)} asks ${escapeHtml(options.account.name)} (${escapeHtml(options.account.upn)}) for multi-factor authentication.</p>
<form method="post" action="${escapeHtml(options.action)}">
  <button type="submit">Approve sign-in</button>
</form>
<p class="note">Local simulator: this button stands in for the authenticator app.</p>`,
  );
}

/** Entra's refusal of an account that is not in the tenant, said plainly, and the way back to the app. */
export function notInTenantPage(options: {
  account: DemoAccount;
  tenantName: string;
  description: string;
  abortAction: string;
  retryUrl: string;
}): string {
  return page(
    'Account not in this organization - Defender simulator',
    `<h1>${escapeHtml(options.account.name)} cannot sign in to ${escapeHtml(options.tenantName)}</h1>
<p>The account ${escapeHtml(options.account.upn)} is not in ${escapeHtml(options.tenantName)}: an administrator there has to invite it first.</p>
<pre>${escapeHtml(options.description)}</pre>
<form method="post" action="${escapeHtml(options.abortAction)}">
  <input type="hidden" name="login" value="${escapeHtml(options.account.login)}">
  <button type="submit">Back to the app</button>
</form>
<p><a href="${escapeHtml(options.retryUrl)}">Use another account</a></p>`,
  );
}

/**
 * MSAL's logout is a plain navigation; the confirmation form is submitted by script so the user lands
 * back on the app without a click (the button is there for browsers without script).
 */
export function logoutPage(form: string): string {
  return page(
    'Signing out - Defender simulator',
    `<h1>Signing out</h1>
${form}
<input type="hidden" form="op.logoutForm" name="logout" value="yes">
<noscript><button type="submit" form="op.logoutForm">Sign out</button></noscript>`,
    `\n<script>document.getElementById('op.logoutForm').submit();</script>`,
  );
}

export function signedOutPage(): string {
  return page('Signed out - Defender simulator', '<h1>Signed out</h1>\n<p>You can close this window.</p>');
}

export function errorPage(title: string, details: Record<string, string | undefined>): string {
  const rows = Object.entries(details)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => `<dt>${escapeHtml(key)}</dt><dd><pre>${escapeHtml(value)}</pre></dd>`)
    .join('\n');
  return page(
    `${title} - Defender simulator`,
    `<h1>${escapeHtml(title)}</h1>
<dl>
${rows}
</dl>
<p class="note">Go back to the app and sign in again.</p>`,
  );
}
