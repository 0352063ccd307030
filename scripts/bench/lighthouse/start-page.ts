// Lighthouse (12.2.3, the last major that runs on Node 20) on the start page: the desktop preset (the app is
// an analyst's desktop tool) and Lighthouse's default, mobile (a mid-range phone: 4× slower CPU, slow 4G,
// simulated throttling), which is what an independent run of PageSpeed measures. Median of `runs` runs of
// each, each in a fresh Chromium.
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { chromiumFlags, chromiumPath } from '../../../sim/testing/chromium.ts';
import { median } from '../harness/statistics.ts';

export interface LighthouseFigures {
  performance: number;
  accessibility: number;
  bestPractices: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  /** Cumulative layout shift, in thousandths. */
  clsThousandths: number;
  speedIndexMs: number;
}

export type FormFactor = 'desktop' | 'mobile';

async function runOnce(url: string, formFactor: FormFactor): Promise<LighthouseFigures> {
  const chrome = await launch({ chromePath: chromiumPath, chromeFlags: ['--headless=new', ...chromiumFlags] });
  try {
    const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility', 'best-practices'] }, formFactor === 'desktop' ? desktopConfig : undefined);
    if (!result) throw new Error('Lighthouse returned no result');
    const { categories, audits } = result.lhr;
    const score = (id: string) => Math.round((categories[id]?.score ?? 0) * 100);
    const ms = (id: string) => Math.round(audits[id]?.numericValue ?? Number.NaN);
    return {
      performance: score('performance'),
      accessibility: score('accessibility'),
      bestPractices: score('best-practices'),
      fcpMs: ms('first-contentful-paint'),
      lcpMs: ms('largest-contentful-paint'),
      tbtMs: ms('total-blocking-time'),
      clsThousandths: Math.round((audits['cumulative-layout-shift']?.numericValue ?? Number.NaN) * 1000),
      speedIndexMs: ms('speed-index'),
    };
  } finally {
    await chrome.kill();
  }
}

export async function lighthouseStartPage(url: string, formFactor: FormFactor, runs = 3): Promise<LighthouseFigures> {
  const all: LighthouseFigures[] = [];
  for (let run = 0; run < runs; run += 1) all.push(await runOnce(url, formFactor));
  const pick = (key: keyof LighthouseFigures) => median(all.map((figures) => figures[key]));
  return {
    performance: pick('performance'),
    accessibility: pick('accessibility'),
    bestPractices: pick('bestPractices'),
    fcpMs: pick('fcpMs'),
    lcpMs: pick('lcpMs'),
    tbtMs: pick('tbtMs'),
    clsThousandths: pick('clsThousandths'),
    speedIndexMs: pick('speedIndexMs'),
  };
}
