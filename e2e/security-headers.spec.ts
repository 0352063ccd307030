import { seededActions } from '../sim/seed.ts';
import { isTokenPath } from './support/checks.ts';
import { simulator } from './support/simulator.ts';
import { expect, signIn, test } from './support/test.ts';
import { workerPorts } from './support/worker-ports.ts';

// The simulator's identity provider as the browser reaches it: this worker's own.
const identityOrigin = `http://localhost:${workerPorts.identity}`;

// Sign-in and sign-out under the policy are what these tests watch: each starts signed out.
test.use({ account: 'signed out' });

function directivesOf(policy: string): Map<string, string[]> {
  return new Map(policy.split(';').map((directive) => directive.trim().split(/\s+/)).map(([name, ...sources]) => [name, sources]));
}

test('app pages, the SPA fallback and the redirect bridge carry the security headers; only the bridge goes without COOP', async ({ request }) => {
  const pages = { '/': 'same-origin', [`/actions/${seededActions.pendingIsolation}`]: 'same-origin', '/redirect.html': undefined };
  for (const [path, openerPolicy] of Object.entries(pages)) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    const headers = response.headers();
    const policy = directivesOf(headers['content-security-policy'] ?? '');
    expect(policy.get('script-src'), path).toEqual(["'self'"]);
    expect(policy.get('object-src'), path).toEqual(["'none'"]);
    expect(policy.get('base-uri'), path).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors'), path).toEqual(["'self'"]);
    // Defender is this origin (/defender-api): the policy names no API host, only where analysts sign in.
    expect(policy.get('connect-src'), path).toEqual(["'self'", identityOrigin]);
    expect(policy.get('frame-src'), path).toEqual(expect.arrayContaining(["'self'", identityOrigin]));
    expect(headers['x-content-type-options'], path).toBe('nosniff');
    expect(headers['referrer-policy'], path).toBe('no-referrer');
    expect(headers['permissions-policy'], path).toContain('camera=()');
    expect(headers['cross-origin-opener-policy'], path).toBe(openerPolicy);
  }
  // The deep link is the SPA fallback: the app's own page.
  expect(await (await request.get(`/actions/${seededActions.pendingIsolation}`)).text()).toContain('<div id="root">');
});

test('sign-in, an action page and sign-out run under the policy with no violation and no header warning', async ({ page }) => {
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Permissions-Policy|Cross-Origin-Opener-Policy/i.test(message.text())) warnings.push(message.text());
  });
  await signIn(page, 'analyst', `/actions/${seededActions.investigationPackage}`);
  await expect(page.getByTestId('action-status')).toHaveText('Succeeded');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' }).first()).toBeVisible();
  await expect(page.getByTestId('signed-in-account')).toHaveCount(0);
  expect(warnings).toEqual([]);
  // The cspViolations fixture fails the test on any violation.
});

test('silent renewal in a hidden iframe (authority, then the redirect bridge) works under the policy', async ({ page, baseURL }) => {
  await signIn(page);
  // The refresh token is refused, so MSAL falls back to renewing in a hidden iframe: what frame-src must allow.
  const isTokenEndpoint = (url: URL) => url.origin === identityOrigin && isTokenPath(url.pathname);
  await page.route(
    isTokenEndpoint,
    (route) =>
      route.request().postData()?.includes('grant_type=refresh_token')
        ? route.fulfill({ status: 400, headers: { 'Access-Control-Allow-Origin': baseURL ?? '' }, json: { error: 'invalid_grant', error_description: 'refused by the test' } })
        : route.continue(),
  );
  const bridgeInFrame = page.waitForRequest((request) => request.url().startsWith(`${baseURL}/redirect.html`) && request.frame() !== page.mainFrame());
  const codeRedeemed = page.waitForResponse((response) => isTokenEndpoint(new URL(response.url())) && response.request().postData()?.includes('grant_type=authorization_code') === true);
  await simulator.injectFault({ status: 401, count: 1, match: seededActions.offlineDeviceIsolation });
  await page.goto(`/actions/${seededActions.offlineDeviceIsolation}`);
  await bridgeInFrame;
  expect((await codeRedeemed).status()).toBe(200);
  await expect(page.getByTestId('action-status')).toHaveText('Pending');
  await expect(page.getByTestId('problem')).toHaveCount(0);
});

test('the policy is enforced, and a violation is caught', async ({ page, cspViolations, consoleErrors }) => {
  await page.goto('/');
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.inlineScriptRan = true';
    document.head.append(script);
  });
  await expect.poll(() => cspViolations.map((violation) => violation.directive)).toEqual(['script-src-elem']);
  expect(await page.evaluate(() => 'inlineScriptRan' in window)).toBe(false);
  // The violation this test caused on purpose, and Chromium's console line about it; anything else still fails it.
  const isOurs = (line: string) => line.includes('Content Security Policy');
  await expect.poll(() => consoleErrors.filter(isOurs)).toHaveLength(1);
  cspViolations.length = 0;
  consoleErrors.splice(consoleErrors.findIndex(isOurs), 1);
});
