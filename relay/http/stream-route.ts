import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AccessChecker } from '../access/access-check';
import type { AccessRetries } from '../access/access-retries';
import type { WatchSets } from '../state/watch-sets';
import type { Authenticate } from './authenticate';
import { HttpProblem } from './http-problem';
import { formatEvent, heartbeatLine, type ByeReason } from '../../core/relay-stream/stream-events';
import type { StreamHub, StreamSession } from './stream-hub';

export interface StreamRouteOptions {
  authenticate: Authenticate;
  checkAccess: AccessChecker;
  /** IDs not checked now are checked again later, by the relay itself. */
  retries: AccessRetries;
  watchSets: WatchSets;
  hub: StreamHub;
  heartbeatMs: number;
  /** A reader that has not taken what was written for this long is dropped. */
  slowReaderMs: number;
  maxStreamsPerAnalyst: number;
  now?: () => number;
}

/** setTimeout's longest wait; a token living longer is re-checked at this point instead. */
const maxTimerMs = 2 ** 31 - 1;
/**
 * Bytes a stream may hold unread in this process (the kernel's socket buffer fills first). A snapshot of a
 * full board (500 actions) is written at once and fits; past this, the reader is dropped at once.
 */
const maxUnreadBytes = 2 * 1024 * 1024;

/**
 * GET /v1/stream (or /v1/t/<tenant>/stream): server-sent events, read with fetch (EventSource cannot send Authorization). The stream
 * first gives the current state of every watched action, then every change; it ends when the token expires,
 * and the browser reconnects with a fresh one. An analyst holds a few streams at most (one per leading tab,
 * with room for reloads), and a reader that stops reading is dropped rather than held in memory.
 */
export function registerStreamRoute(app: FastifyInstance, paths: readonly string[], options: StreamRouteOptions): void {
  const now = options.now ?? Date.now;
  /** Streams being opened, per analyst: counted with the open ones, so that opens racing each other are capped too. */
  const opening = new Map<string, number>();
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const { analyst, token } = await options.authenticate(request);
    const { oid } = analyst;
    if (options.hub.countOf(oid) + (opening.get(oid) ?? 0) >= options.maxStreamsPerAnalyst) {
      throw new HttpProblem(429, 'TooManyStreams', `At most ${options.maxStreamsPerAnalyst} streams per analyst; close a tab or wait for one to end.`, { 'Retry-After': '30' });
    }
    opening.set(oid, (opening.get(oid) ?? 0) + 1);
    const opened = () => {
      const left = (opening.get(oid) ?? 1) - 1;
      if (left > 0) opening.set(oid, left);
      else opening.delete(oid);
    };
    let report: Awaited<ReturnType<AccessChecker>>;
    try {
      // Actions the analyst watched before (another stream, another replica) whose verdict has lapsed are read now.
      report = await options.checkAccess(oid, token, await options.watchSets.read(oid));
    } catch (error) {
      opened();
      throw error;
    }
    options.retries.later(oid, token, analyst.expiresAt, report.unchecked.map((item) => item.id));

    const body = new PassThrough();
    let open = true;
    /** Since when the reader has left something unread, as the heartbeats found it. */
    let behindSince: number | undefined;
    const unread = () => body.writableLength + reply.raw.writableLength;
    const write = (text: string) => {
      if (!open) return;
      body.write(text);
      if (unread() > maxUnreadBytes) drop();
    };
    /** At each heartbeat: a reader with a backlog that has lasted `slowReaderMs` is not keeping up. */
    const checkReader = () => {
      if (unread() === 0) behindSince = undefined;
      else if (behindSince === undefined) behindSince = Date.now();
      else if (Date.now() - behindSince > options.slowReaderMs) drop();
    };
    const session: StreamSession = {
      oid,
      send: (event) => write(formatEvent(event)),
      sendFormatted: write,
      close: (reason: ByeReason) => {
        write(formatEvent({ event: 'bye', data: { reason } }));
        finish();
      },
    };
    /** The reader fell behind: it is told why (if it ever reads again) and its connection is let go. */
    function drop() {
      if (!open) return;
      request.log.warn({ unreadBytes: unread() }, 'A stream reader fell behind; the stream is dropped');
      body.write(formatEvent({ event: 'bye', data: { reason: 'too-slow' } }));
      finish();
      request.raw.socket.destroy();
    }
    const heartbeat = setInterval(() => {
      checkReader();
      write(heartbeatLine);
    }, options.heartbeatMs);
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
    // In the hub from here: no longer counted as opening.
    const added = options.hub.add(session);
    opened();
    await added.catch((error: Error) => {
      request.log.warn(`Could not load the stream's watch: ${error.message}`);
      finish(); // the browser reconnects, by then Redis may answer
    });
    return reply;
  };
  for (const path of paths) app.get(path, handler);
}
