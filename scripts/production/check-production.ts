// `npm run check:production`: the deployment path, for real. Builds the app and the server, copies only
// what a deployment ships into a clean folder, installs the server's dependencies there with
// `npm ci --omit=dev` (no tsx, no Vite, no devDependency), starts it with `node` against the simulator
// (started from this repository), and signs in through it in Chromium. Fails, naming the step, otherwise.
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { CLIENT_ID, nodeUrl, TENANT_ID } from '../../sim/constants.ts';
import { seededActions } from '../../sim/seed.ts';
import { chromiumLaunchOptions } from '../../sim/testing/chromium.ts';
import { killProcess, startNodeProcess, startSimulatorProcess } from '../../sim/testing/simulator-process.ts';
import { signInThroughApp } from '../../sim/testing/sign-in-through-app.ts';

// The app on CHECK_PORT (4500), the simulator on the two ports after it.
const appPort = Number(process.env.CHECK_PORT ?? 4500);
const ports = { app: appPort, identity: appPort + 1, api: appPort + 2 };
const appOrigin = `http://localhost:${ports.app}`;
/** What was started, to be stopped in reverse order whatever happens. */
const stops: (() => Promise<void>)[] = [];

function step(name: string): void {
  console.log(`check:production: ${name}`);
}

async function stopAll(): Promise<void> {
  for (const stop of stops.reverse()) await stop();
  stops.length = 0;
}

/** What a deployment ships: the manifests, the lockfile, the built app and the built server. Nothing else. */
function shipTo(folder: string): void {
  for (const file of ['package.json', 'package-lock.json']) cpSync(file, path.join(folder, file));
  cpSync('server/package.json', path.join(folder, 'server/package.json'));
  cpSync('server/dist', path.join(folder, 'server/dist'), { recursive: true });
  cpSync('dist', path.join(folder, 'dist'), { recursive: true });
}

async function main(): Promise<void> {
  step('npm run build (the app and the server)');
  execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
  const folder = mkdtempSync(path.join(tmpdir(), 'maw-production-'));
  try {
    shipTo(folder);
    step(`npm ci --omit=dev for the server only, in ${folder}`);
    // --omit=optional too: valibot names TypeScript as an optional peer, which the root's devDependency
    // would otherwise bring in (npm marks it devOptional). The server needs no optional package.
    execFileSync('npm', ['ci', '--omit=dev', '--omit=optional', '--workspace=server', '--include-workspace-root=false', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: folder, stdio: 'inherit' });
    const installed = readdirSync(path.join(folder, 'node_modules'));
    for (const devOnly of ['tsx', 'vite', 'typescript', 'react', '@playwright']) {
      if (installed.includes(devOnly)) throw new Error(`${devOnly} was installed for production`);
    }

    step('the simulator (from this repository), then `npm run serve` in the clean folder');
    const simulator = await startSimulatorProcess({ identity: ports.identity, api: ports.api }, [appOrigin]);
    stops.push(() => simulator.stop());
    const serverEnv = {
      PORT: String(ports.app),
      HOST: '127.0.0.1',
      SIMULATOR_IDENTITY_URL: `http://localhost:${ports.identity}`,
      DEFENDER_API_URL: nodeUrl(ports.api),
      TENANT_ID,
      CLIENT_ID,
    };
    // Only PATH of this environment: nothing of the repository's set-up leaks into the shipped server.
    const server = await startNodeProcess('server', ['server/dist/main.js'], { cwd: folder, env: { PATH: process.env.PATH ?? '', ...serverEnv }, inheritEnv: false, readyUrl: `${nodeUrl(ports.app)}/readyz` });
    stops.push(() => killProcess(server));

    step('the app, the API path and /readyz answer');
    const page = await fetch(`${appOrigin}/board`);
    if (!page.ok || !(await page.text()).includes('<div id="root">')) throw new Error(`/board answered ${page.status} without the app`);
    const config = (await (await fetch(`${appOrigin}/config.json`)).json()) as { apiBaseUrl?: string };
    if (config.apiBaseUrl !== '/defender-api') throw new Error(`config.json says apiBaseUrl ${String(config.apiBaseUrl)}`);
    const unsigned = await fetch(`${appOrigin}/defender-api/api/machineactions`);
    if (unsigned.status !== 401) throw new Error(`/defender-api without a token answered ${unsigned.status}, not Defender's 401`);

    step('sign in through the served app in Chromium, and read an action through /defender-api');
    const browser = await chromium.launch(chromiumLaunchOptions);
    try {
      const tab = await browser.newPage();
      await signInThroughApp(tab, `${appOrigin}/actions/${seededActions.investigationPackage}`);
      await tab.getByTestId('action-status').filter({ hasText: 'Succeeded' }).waitFor({ timeout: 20_000 });
    } finally {
      await browser.close();
    }

    step('SIGTERM: /readyz says 503 while it drains, then the process exits');
    const exited = once(server, 'exit');
    process.kill(server.pid ?? 0, 'SIGTERM');
    // The signal reaches the process a moment after kill() returns: asked until it says 503, within the drain.
    let status: number | undefined;
    for (const deadline = Date.now() + 4_000; status !== 503 && Date.now() < deadline; ) {
      status = (await fetch(`${nodeUrl(ports.app)}/readyz`).catch(() => undefined))?.status;
    }
    if (status !== 503) throw new Error(`/readyz answered ${String(status)} after SIGTERM, not 503`);
    await exited;
    console.log('check:production: passed');
  } finally {
    await stopAll();
    rmSync(folder, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (error) {
  console.error(`check:production failed: ${(error as Error).message}`);
  await stopAll();
  process.exit(1);
}
