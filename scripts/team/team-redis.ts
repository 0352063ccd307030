// The team's Redis: the one in RELAY_REDIS_URL, or a throwaway redis-server of our own with nothing saved to disk.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { freePort } from '../../relay/testing/free-port';
import { listening, untilReady } from './ready';
import { startService, type Service } from './service';

export const redisMissing =
  'redis-server not found: install Debian\'s redis-server package (apt-get install redis-server), or set RELAY_REDIS_URL to a running Redis';

export interface TeamRedis {
  url: string;
  /** What to print: the URL without a password. */
  shown: string;
  /** Undefined when the Redis is someone else's (RELAY_REDIS_URL): it is left running. */
  service?: Service;
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((folder) => {
    try {
      accessSync(join(folder, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function withoutPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password !== '') parsed.password = '***';
  return parsed.toString();
}

/** Throws `redisMissing` when there is neither a RELAY_REDIS_URL nor a redis-server to start. */
export async function teamRedis(givenUrl: string | undefined): Promise<TeamRedis> {
  if (givenUrl !== undefined && givenUrl !== '') return { url: givenUrl, shown: withoutPassword(givenUrl) };
  if (!onPath('redis-server')) throw new Error(redisMissing);
  const port = await freePort();
  const service = startService({
    name: 'redis',
    command: 'redis-server',
    args: ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'warning'],
  });
  await untilReady(service, listening(port), 10_000);
  const url = `redis://127.0.0.1:${port}`;
  return { url, shown: url, service };
}
