import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { freePort } from './free-port';

/** A throwaway redis-server of the tests' own, on a free port, with nothing saved to disk. */
export interface TestRedis {
  url: string;
  port: number;
  /** Kills the server (by its PID) and starts a new, empty one on the same port: a Redis restart. */
  restart(): Promise<void>;
  /** Starts it again on the same port after `stop` (empty, as a restarted Redis without persistence is). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

const redisBinary = process.env.REDIS_SERVER ?? 'redis-server';

async function launch(port: number): Promise<ChildProcess> {
  const child = spawn(redisBinary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start on ${port}: ${output}`)), 10_000);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`Could not run ${redisBinary} (Debian package redis-server): ${error.message}`));
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return child;
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = once(child, 'exit');
  process.kill(child.pid, 'SIGKILL');
  await exited;
}

export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  let child = await launch(port);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async restart() {
      await kill(child);
      child = await launch(port);
    },
    async start() {
      if (child.exitCode === null && child.signalCode === null) return;
      child = await launch(port);
    },
    stop: () => kill(child),
  };
}
