import { createServer } from 'node:net';
import { inspect } from 'node:util';

/**
 * Whether a server could listen on this port and host now: false only when something already does
 * (EADDRINUSE). Any other refusal (EACCES) is left to the server's own start to report.
 */
export function isPortFree(port: number, host: string | undefined): Promise<boolean> {
  const probe = createServer();
  return new Promise((resolve) => {
    probe.once('error', (error: NodeJS.ErrnoException) => resolve(error.code !== 'EADDRINUSE'));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

export interface TakenPort {
  port: number;
  /** The command that was refused, as the developer typed it: `npm start`, `npm run preview`. */
  command: string;
  /** Whether the simulator answers on its port too: then the port is most likely the same command's, run earlier. */
  simulatorRunning: boolean;
}

/** One line: which port is taken, by what most likely, and what to do. */
export function portTakenMessage({ port, command, simulatorRunning }: TakenPort): string {
  if (simulatorRunning) {
    return `Port ${port} is taken, most likely by another \`${command}\` (the simulator is running too): use that one at http://localhost:${port}, or stop it and run \`${command}\` again.`;
  }
  return `Port ${port} is taken by another program: stop it, or start on another port, such as \`${command} -- --port ${port + 1}\`.`;
}

/**
 * A refusal to start that says its remedy: Vite's command line prints a start-up error with util.inspect,
 * which here shows the message alone, not a stack trace that would bury it.
 */
export class PortTakenError extends Error {
  constructor(taken: TakenPort) {
    super(portTakenMessage(taken));
    this.name = 'PortTakenError';
  }

  [inspect.custom](): string {
    return this.message;
  }
}
