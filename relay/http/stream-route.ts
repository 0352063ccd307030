import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { AccessChecker } from '../access/access-check';
import type { WatchSets } from '../state/watch-sets';
import type { Authenticate } from './authenticate';
import { formatEvent, heartbeatLine } from './stream-events';
import type { StreamHub, StreamSession } from './stream-hub';

export interface StreamRouteOptions {
  authenticate: Authenticate;
  checkAccess: AccessChecker;
  watchSets: WatchSets;
  hub: StreamHub;
  heartbeatMs: number;
  now?: () => number;
}

/** setTimeout's longest wait; a token living longer is re-checked at this point instead. */
const maxTimerMs = 2 ** 31 - 1;

/**
 * GET /v1/stream: server-sent events, read with fetch (EventSource cannot send Authorization). The stream
 * first gives the current state of every watched action, then every change; it ends when the token expires,
 * and the browser reconnects with a fresh one.
 */
export function registerStreamRoute(app: FastifyInstance, options: StreamRouteOptions): void {
  const now = options.now ?? Date.now;
  app.get('/v1/stream', async (request, reply) => {
    const { analyst, token } = await options.authenticate(request);
    // Actions the analyst watched before (another stream, another replica) whose verdict has lapsed are read now.
    const report = await options.checkAccess(analyst.oid, token, await options.watchSets.read(analyst.oid));

    const body = new PassThrough();
    let open = true;
    const write = (text: string) => {
      if (open) body.write(text);
    };
    const session: StreamSession = {
      oid: analyst.oid,
      send: (event) => write(formatEvent(event)),
      close: (reason) => {
        write(formatEvent({ event: 'bye', data: { reason } }));
        finish();
      },
    };
    const heartbeat = setInterval(() => write(heartbeatLine), options.heartbeatMs);
    const expiry = setTimeout(() => session.close('token-expired'), Math.min(Math.max(analyst.expiresAt - now(), 0), maxTimerMs));
    function finish() {
      if (!open) return;
      open = false;
      clearInterval(heartbeat);
      clearTimeout(expiry);
      options.hub.remove(session);
      body.end();
    }
    request.raw.on('close', finish);

    reply
      .code(200)
      .header('content-type', 'text/event-stream; charset=utf-8')
      .header('cache-control', 'no-store')
      // nginx and some load balancers buffer responses unless told not to.
      .header('x-accel-buffering', 'no');
    void reply.send(body);
    for (const unchecked of report.unchecked) session.send({ event: 'unchecked', data: unchecked });
    await options.hub.add(session).catch((error: Error) => {
      request.log.warn(`Could not load the stream's watch: ${error.message}`);
      finish(); // the browser reconnects, by then Redis may answer
    });
    return reply;
  });
}
