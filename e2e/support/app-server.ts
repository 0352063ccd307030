import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { nodeUrl } from '../../sim/constants.ts';
import type { WorkerPorts } from './worker-ports.ts';

/** The production build served the way `npm run preview` serves it, with a simulator of its own. */
export interface AppServer {
  /** The app's origin as the browser reaches it. */
  url: string;
  stop(): Promise<void>;
}

/** The build global-setup.ts makes once for every worker. */
export const e2eOutDir = process.env.E2E_OUT_DIR ?? 'dist';

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(1_000) })).ok;
  } catch {
    return false;
  }
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = once(child, 'exit');
  process.kill(child.pid, 'SIGKILL');
  await exited;
}

/**
 * Serves the build with Vite's preview server (node, not npx: a wrapper would outlive a kill by PID). Its
 * simulator plugin (sim/vite-plugin.ts) starts the identity provider and the Defender API in the same
 * process, on this worker's ports, and tells the app where they are (`/simulator.json`); the security
 * headers name them and the worker's relay port in the Content-Security-Policy.
 */
export async function startAppServer(ports: WorkerPorts): Promise<AppServer> {
  // A simulator left behind on these ports would be joined rather than replaced: refuse to share one.
  if (await answers(`${nodeUrl(ports.api)}/_sim/health`)) {
    throw new Error(`A simulator already answers on port ${ports.api}: stop the run that left it, or move this one with E2E_PORT_BASE.`);
  }
  const vite = 'node_modules/vite/bin/vite.js';
  const child = spawn(process.execPath, [vite, 'preview', '--outDir', e2eOutDir, '--port', String(ports.app), '--strictPort', '--logLevel', 'warn'], {
    env: {
      ...process.env,
      SIM_IDENTITY_PORT: String(ports.identity),
      SIM_API_PORT: String(ports.api),
      RELAY_ORIGINS: `http://localhost:${ports.relay}`,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  // The server answers /simulator.json only once its simulator runs.
  const ready = () => answers(`${nodeUrl(ports.app)}/simulator.json`);
  const deadline = Date.now() + 30_000;
  while (!(await ready())) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await kill(child);
      throw new Error(`The app's preview server did not start on port ${ports.app}: ${errors || 'no output'}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100)); // polling a port that is not open yet
  }
  return { url: `http://localhost:${ports.app}`, stop: () => kill(child) };
}
