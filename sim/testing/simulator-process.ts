import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { browserUrl, nodeUrl } from '../constants.ts';

// Child processes the tests, benchmarks and scripts start (the simulator, the app's server), each started by
// node itself (not npx: a wrapper would outlive a kill by its PID), ready once a URL answers, stopped by PID.

/** Whether the URL answers 2xx within a second. */
export async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(1_000) })).ok;
  } catch {
    return false;
  }
}

/** SIGKILL, by PID, and wait for the exit; nothing when it has exited already. */
export async function killProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = once(child, 'exit');
  process.kill(child.pid, 'SIGKILL');
  await exited;
}

export interface NodeProcessOptions {
  /** Added to this process's environment, or the whole environment with `inheritEnv: false`. */
  env: Record<string, string>;
  inheritEnv?: boolean;
  cwd?: string;
  /** A URL that answers 2xx once the process is ready. */
  readyUrl: string;
  timeoutMs?: number;
}

/** `node <args>`, resolved once `readyUrl` answers; killed (and its stderr named) if it exits or takes too long. */
export async function startNodeProcess(name: string, args: string[], options: NodeProcessOptions): Promise<ChildProcess> {
  const env = options.inheritEnv === false ? options.env : { ...process.env, ...options.env };
  const child = spawn(process.execPath, args, { cwd: options.cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  while (!(await answers(options.readyUrl))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await killProcess(child);
      throw new Error(`The ${name} did not start: ${errors || 'no output'}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100)); // polling a port that is not open yet
  }
  return child;
}

export interface SimulatorProcess {
  identityPort: number;
  apiPort: number;
  /** http://localhost:PORT: the issuer its tokens carry, as the browser reaches it. */
  identityUrl: string;
  /** http://127.0.0.1:PORT: its Defender API and control API, for Node clients. */
  apiUrl: string;
  stop(): Promise<void>;
}

/**
 * The simulator in a process of its own (`node --import tsx sim/main.ts`), on the given ports, registering
 * the given app origins' sign-in redirects. A simulator already answering on the API port is refused, not joined.
 */
export async function startSimulatorProcess(ports: { identity: number; api: number }, appOrigins: string[] = []): Promise<SimulatorProcess> {
  if (await answers(`${nodeUrl(ports.api)}/_sim/health`)) {
    throw new Error(`A simulator already answers on port ${ports.api}: stop the run that left it, or choose other ports.`);
  }
  const child = await startNodeProcess('simulator', ['--import', 'tsx', 'sim/main.ts'], {
    env: { SIM_IDENTITY_PORT: String(ports.identity), SIM_API_PORT: String(ports.api), SIM_APP_ORIGINS: appOrigins.join(',') },
    readyUrl: `${nodeUrl(ports.api)}/_sim/health`,
  });
  return { identityPort: ports.identity, apiPort: ports.api, identityUrl: browserUrl(ports.identity), apiUrl: nodeUrl(ports.api), stop: () => killProcess(child) };
}
