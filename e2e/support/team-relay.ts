import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { Page } from '@playwright/test';
import { nodeUrl } from '../../sim/constants.ts';
import { startRedis, type TestRedis } from '../../relay/testing/redis-server.ts';
import { relayEnv } from '../../relay/testing/relay-env.ts';
import { workerPorts } from './worker-ports.ts';

// This worker's relay port, which its app server's Content-Security-Policy names (support/app-server.ts).
const relayPort = workerPorts.relay;
export const relayUrl = `http://localhost:${relayPort}`;

/**
 * A real team relay for the end-to-end tests: a redis-server of its own, and the relay as a process (what
 * `npm run relay` runs; node with tsx's loader rather than tsx's CLI, whose child would outlive a kill).
 */
export interface TeamRelay {
  /** Kills the relay's process, by its PID: the relay stopped, as a crash or a deployment would stop it. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

async function answers(): Promise<boolean> {
  try {
    return (await fetch(`${nodeUrl(relayPort)}/healthz`)).ok;
  } catch {
    return false;
  }
}

async function launch(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'relay/main.ts'], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  for (let waited = 0; !(await answers()); waited += 200) {
    if (child.exitCode !== null || waited > 30_000) throw new Error(`The relay did not start: ${errors}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return child;
}

export async function startTeamRelay(appOrigin: string): Promise<TeamRelay> {
  const redis: TestRedis = await startRedis();
  const env = relayEnv(
    { redisUrl: redis.url, identityPort: workerPorts.identity, apiPort: workerPorts.api },
    // Leases long enough for a test's pauses, a leader lease short enough for a restart within seconds.
    { RELAY_PORT: String(relayPort), RELAY_APP_ORIGIN: appOrigin, RELAY_LEASE_TTL_MS: '60000', RELAY_LEADER_TTL_MS: '2000', RELAY_HEARTBEAT_MS: '2000' },
  );
  let child: ChildProcess | undefined = await launch(env);
  const stop = async () => {
    if (!child || child.exitCode !== null || child.pid === undefined) return;
    const exited = once(child, 'exit');
    process.kill(child.pid, 'SIGKILL');
    await exited;
    child = undefined;
  };
  return {
    stop,
    async start() {
      child = await launch(env);
    },
    async close() {
      await stop();
      await redis.stop();
    },
  };
}

/** This page's app deployed with the relay: config.json names it, as an operator's would. */
export async function useRelay(page: Page): Promise<void> {
  await page.route('**/config.json', (route) => route.fulfill({ json: { relayUrl } }));
}
