import type { Page } from '@playwright/test';
import { accountByLogin, type DemoAccount, type DemoLogin } from '../identity/accounts.ts';

export type { DemoLogin };

/**
 * Signs a page in through the app's real MSAL redirect flow: the app's button, the simulator's sign-in
 * page, the redirect bridge, back to `url`. No session is ever written into storage by hand (MSAL's
 * cache is encrypted). Returns the account once the header names someone.
 */
export async function signInThroughApp(page: Page, url: string, login: DemoLogin = 'analyst'): Promise<DemoAccount> {
  const demoAccount = accountByLogin(login);
  if (demoAccount === undefined) throw new Error(`The simulator has no demo account '${login}'`);
  await page.goto(url);
  const account = page.getByTestId('signed-in-account');
  // The header shows nothing until MSAL has started, then the account or an enabled "Sign in". A tab
  // whose browser is signed in already (a cache shared between tabs) needs no click.
  const signInButton = page.getByRole('button', { name: 'Sign in', disabled: false }).first();
  await account.or(signInButton).first().waitFor();
  if (await account.isVisible()) return demoAccount;
  await signInButton.click();
  // A second tab of the same browser is signed in by the provider's session cookie, without its page.
  const picker = page.getByLabel(new RegExp(demoAccount.name));
  await picker.or(account).first().waitFor();
  if (await picker.isVisible()) {
    await picker.check();
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  await account.waitFor();
  return demoAccount;
}
