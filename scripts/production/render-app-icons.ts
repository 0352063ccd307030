// `npx tsx scripts/production/render-app-icons.ts`: renders the web app manifest's PNG icons
// (public/icons/) from public/favicon.svg in Chromium, the browser the tests already use, so no image
// library joins the dependencies. Run it again after changing the favicon, and commit the PNGs.
import { readFileSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../../sim/testing/chromium.ts';

/** The favicon's own square colour: a full-bleed icon's background blends with it. */
const iconBlue = '#1864ab';

interface AppIcon {
  file: string;
  size: number;
  /**
   * Full-bleed, the shield inside the middle 80 %: the platform cuts maskable icons to its own shape (a
   * circle keeps the central 80 %), and iOS fills a touch icon's transparent corners with black.
   */
  fullBleed: boolean;
}

const icons: readonly AppIcon[] = [
  { file: 'public/icons/icon-192.png', size: 192, fullBleed: false },
  { file: 'public/icons/icon-512.png', size: 512, fullBleed: false },
  { file: 'public/icons/maskable-512.png', size: 512, fullBleed: true },
  { file: 'public/icons/apple-touch-icon.png', size: 180, fullBleed: true },
];

function iconPage(svg: string, icon: AppIcon): string {
  const drawn = icon.fullBleed ? Math.round(icon.size * 0.8) : icon.size;
  const source = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
  const background = icon.fullBleed ? iconBlue : 'transparent';
  return `<!doctype html><body style="margin:0;background:transparent">
    <div style="width:${icon.size}px;height:${icon.size}px;display:grid;place-items:center;background:${background}">
      <img src="${source}" width="${drawn}" height="${drawn}" alt="">
    </div></body>`;
}

const svg = readFileSync('public/favicon.svg', 'utf8');
const browser = await chromium.launch(chromiumLaunchOptions);
try {
  for (const icon of icons) {
    const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size }, deviceScaleFactor: 1 });
    await page.setContent(iconPage(svg, icon));
    await page.locator('img').evaluate((image: HTMLImageElement) => image.decode());
    writeFileSync(icon.file, await page.screenshot({ omitBackground: true }));
    await page.close();
    console.log(`${icon.file}: ${icon.size} × ${icon.size}`);
  }
} finally {
  await browser.close();
}
