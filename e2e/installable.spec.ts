import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../sim/testing/chromium.ts';
import { expect, test } from './support/test.ts';

// The app installs from the browser (its own window from the dock or the start menu): a web app manifest
// with icons, served by the app's server. Chromium's own verdict stands in for Lighthouse's installability check.
test.use({ account: 'signed out' });

interface ManifestIcon {
  src: string;
  sizes: string;
  type: string;
  purpose?: string;
}

interface WebAppManifest {
  name: string;
  short_name: string;
  start_url: string;
  scope: string;
  display: string;
  icons: ManifestIcon[];
}

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A PNG's size from its header (IHDR: width and height, big-endian, after the signature and the chunk's head). */
function pngSize(bytes: Buffer): string {
  expect(bytes.subarray(0, 8).equals(pngSignature), 'a PNG file').toBe(true);
  return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

test('the manifest and every icon are served with their content types, each icon the size the manifest says', async ({ request }) => {
  const page = await (await request.get('/')).text();
  expect(page).toContain('<link rel="manifest" href="/manifest.webmanifest"');
  expect(page).toContain('<link rel="apple-touch-icon" href="/icons/apple-touch-icon.png"');

  const response = await request.get('/manifest.webmanifest');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/^application\/manifest\+json\b/);
  const manifest = (await response.json()) as WebAppManifest;
  expect(manifest).toMatchObject({ name: 'Machine action watch', short_name: 'Action watch', start_url: '/', scope: '/', display: 'standalone' });
  expect(manifest.icons.map((icon) => `${icon.sizes} ${icon.purpose ?? 'any'}`)).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);

  const touchIcon: ManifestIcon = { src: '/icons/apple-touch-icon.png', sizes: '180x180', type: 'image/png' };
  for (const icon of [...manifest.icons, touchIcon]) {
    const served = await request.get(icon.src);
    expect(served.status(), icon.src).toBe(200);
    expect(served.headers()['content-type'], icon.src).toBe(icon.type);
    expect(icon.type).toBe('image/png');
    expect(pngSize(await served.body()), icon.src).toBe(icon.sizes);
  }
});

test('Chromium reads the manifest without errors and finds the app installable', async ({ baseURL }) => {
  // Playwright's usual contexts are incognito, where Chromium installs nothing: a profile of its own.
  const profile = mkdtempSync(path.join(tmpdir(), 'maw-installable-'));
  const context = await chromium.launchPersistentContext(profile, { ...chromiumLaunchOptions, baseURL });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Watch a machine action' })).toBeVisible();
    const cdp = await context.newCDPSession(page);
    const manifest = await cdp.send('Page.getAppManifest');
    expect(manifest.url).toBe(new URL('/manifest.webmanifest', baseURL).href);
    expect(manifest.errors).toEqual([]);
    // Chromium fetches the icons before it decides: asked until it has, within the test's expect timeout.
    await expect.poll(async () => (await cdp.send('Page.getInstallabilityErrors')).installabilityErrors).toEqual([]);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
