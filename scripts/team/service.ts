// One child process of the team set-up: its output prefixed with its name, and a stop that leaves nothing behind.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

export interface Service {
  name: string;
  pid: number;
  /** Settles when the process has exited, with its exit code (null when a signal ended it). */
  exited: Promise<number | null>;
  hasExited(): boolean;
  /** SIGTERM, then SIGKILL after `graceMs`: to the process's own group, so a grandchild goes with it. */
  stop(graceMs?: number): Promise<void>;
}

export interface ServiceCommand {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
}

function prefixLines(stream: Readable | null, prefix: string, write: (line: string) => void): void {
  if (stream) createInterface({ input: stream }).on('line', (line) => write(`${prefix} ${line}`));
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

export function startService({ name, command, args, env = {} }: ServiceCommand): Service {
  // Detached: a group of its own, so the terminal's Ctrl-C reaches only start-team, which stops the
  // services in order (the relays before the Redis they release their lease in).
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  if (child.pid === undefined) throw new Error(`Could not start ${name} (${command})`);
  const pid = child.pid;
  const prefix = `[${name}]`;
  prefixLines(child.stdout, prefix, (line) => console.log(line));
  prefixLines(child.stderr, prefix, (line) => console.error(line));
  let done = false;
  const exited = once(child, 'exit').then(([code]) => {
    done = true;
    return code as number | null;
  });
  return {
    name,
    pid,
    exited,
    hasExited: () => done,
    async stop(graceMs = 5_000) {
      if (!done) signalGroup(pid, 'SIGTERM');
      const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      // Whatever the process started and left behind in its group.
      signalGroup(pid, 'SIGKILL');
    },
  };
}

/** Node with tsx's loader in the same process: one PID per service (the tsx CLI would add a process of its own). */
export function tsxService(name: string, entry: string, env: Record<string, string>): Service {
  return startService({ name, command: process.execPath, args: ['--import', 'tsx', entry], env });
}
