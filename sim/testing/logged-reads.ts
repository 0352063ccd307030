import type { LoggedRequest } from '../defender/request-log.ts';

type Read = Pick<LoggedRequest, 'method' | 'path' | 'query'>;

/** A read of Defender's machine actions in the simulator's log: a single read or a list call. */
export function isDefenderRead(request: Read): boolean {
  return request.method === 'GET' && request.path.toLowerCase().startsWith('/api/machineactions');
}

/** Whether a logged request read this action: by itself, or in a list call whose filter names it. */
export function readsAction(request: Pick<Read, 'path' | 'query'>, id: string): boolean {
  const path = request.path.toLowerCase();
  return (
    path.endsWith(`/api/machineactions/${id}`) ||
    (path.endsWith('/api/machineactions') && (request.query.$filter ?? '').toLowerCase().includes(id))
  );
}

/** A history read (a list call filtered on type): the poller's once a day per type, which counts of checks leave out. */
export function isHistoryRead(request: Pick<Read, 'query'>): boolean {
  return /^type eq /.test(request.query.$filter ?? '');
}
