// The processes the server benchmark starts, each by its PID and stopped by it: the simulator
// (sim/testing/simulator-process.ts, as the end-to-end tests run theirs) and the app's server
// (server-process.ts), which answers over IPC.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { killProcess, startSimulatorProcess, type SimulatorProcess } from '../../../sim/testing/simulator-process.ts';
import { freePort } from '../../../relay/testing/free-port.ts';

export interface MemoryFigures {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

export interface LoopStats {
  wallMs: number;
  cpuMs: number;
  loopDelayP50Ms: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}

export type ChildRequest = { type: 'memory' } | { type: 'reset-stats' } | { type: 'stats' } | { type: 'close' };
export type ChildReply =
  | { type: 'ready'; origin: string; leading: boolean }
  | { type: 'memory'; memory: MemoryFigures; leading: boolean }
  | { type: 'stats-reset' }
  | { type: 'stats'; stats: LoopStats }
  | { type: 'closed' };

/** The simulator on free ports, in a process of its own. */
export async function startBenchSimulator(): Promise<SimulatorProcess> {
  return startSimulatorProcess({ identity: await freePort(), api: await freePort() });
}

export interface ServerProcess {
  origin: string;
  pid: number;
  memory(): Promise<{ memory: MemoryFigures; leading: boolean }>;
  resetStats(): Promise<void>;
  stats(): Promise<LoopStats>;
  /** The server's log lines at warn and above (pino's JSON: their `msg`). */
  warnings(): string[];
  stop(): Promise<void>;
}

/** The app's server (startTestServer with `env`) in a child process; resolves once it listens. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', 'scripts/bench/server/server-process.ts'], {
    env: { ...process.env, BENCH_SERVER_ENV: JSON.stringify(env) },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const log: string[] = [];
  let errors = '';
  let partial = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines.filter((text) => text.trim() !== '')) {
      try {
        log.push((JSON.parse(line) as { msg?: string }).msg ?? line);
      } catch {
        log.push(line);
      }
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));

  const waiting: { type: ChildReply['type']; resolve: (reply: ChildReply) => void; reject: (error: Error) => void }[] = [];
  child.on('message', (reply: ChildReply) => {
    const index = waiting.findIndex((entry) => entry.type === reply.type);
    if (index >= 0) waiting.splice(index, 1)[0].resolve(reply);
  });
  const output = () => errors || log.slice(-5).join(' | ') || 'no output';
  child.on('exit', (code) => {
    for (const entry of waiting.splice(0)) entry.reject(new Error(`The server process exited (${code}): ${output()}`));
  });
  const next = <Type extends ChildReply['type']>(type: Type, timeoutMs = 30_000) =>
    new Promise<Extract<ChildReply, { type: Type }>>((resolve, reject) => {
      const entry = {
        type,
        resolve: (reply: ChildReply) => {
          clearTimeout(timer);
          resolve(reply as Extract<ChildReply, { type: Type }>);
        },
        reject: (error: Error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        waiting.splice(waiting.indexOf(entry), 1);
        reject(new Error(`The server process sent no '${type}' within ${timeoutMs} ms: ${output()}`));
      }, timeoutMs);
      waiting.push(entry);
    });
  const ask = <Type extends ChildReply['type']>(request: ChildRequest, type: Type) => {
    const reply = next(type);
    child.send(request);
    return reply;
  };

  let ready: Extract<ChildReply, { type: 'ready' }>;
  try {
    ready = await next('ready');
  } catch (error) {
    await killProcess(child);
    throw error;
  }
  return {
    origin: ready.origin,
    pid: child.pid ?? 0,
    memory: async () => {
      const { memory, leading } = await ask({ type: 'memory' }, 'memory');
      return { memory, leading };
    },
    resetStats: async () => {
      await ask({ type: 'reset-stats' }, 'stats-reset');
    },
    stats: async () => (await ask({ type: 'stats' }, 'stats')).stats,
    warnings: () => [...log],
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = once(child, 'exit');
        child.send({ type: 'close' } satisfies ChildRequest);
        const timer = setTimeout(() => void killProcess(child), 10_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
