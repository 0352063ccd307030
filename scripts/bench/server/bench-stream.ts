// One analyst's relay stream as the benchmark holds 1,000 of them in one process: GET /relay/v1/stream over
// node:http (lighter per chunk than fetch's web streams, so the reader's own cost skews the fan-out least),
// each chunk framed with eventsource-parser and read with the browser's own `readStreamEvent`. The time a
// chunk arrived is taken before any of it is parsed.
import { Agent, get, type ClientRequest } from 'node:http';
import { createParser } from 'eventsource-parser';
import { readStreamEvent } from '../../../core/relay-stream/stream-events.ts';
import { testAppOrigin } from '../../../server/testing/server-env.ts';

/** No pooling, no limit: each stream holds its own connection, as each browser does. */
const agent = new Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });

/** What every stream reports to the benchmark: one check of an action arrived (performance.now()). */
export type OnAction = (id: string, checkedAt: number, arrivedAt: number) => void;

export interface BenchStream {
  /** The IDs of its last `synced`. */
  following: ReadonlySet<string>;
  byes: string[];
  /** Time spent in this process reading its chunks (ms): the instrument's own cost. */
  readerMs: number;
  close(): void;
}

/** Opens the stream and resolves once a `synced` names every one of `expected`. */
export function openBenchStream(origin: string, token: string, expected: readonly string[], onAction: OnAction, timeoutMs = 30_000): Promise<BenchStream> {
  return new Promise((resolve, reject) => {
    const following = new Set<string>();
    const stream: BenchStream = { following, byes: [], readerMs: 0, close: () => request.destroy() };
    let settled = false;
    const settle = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        request.destroy();
        reject(error);
      } else resolve(stream);
    };
    const timer = setTimeout(() => settle(new Error(`No synced naming the ${expected.length} watched IDs within ${timeoutMs} ms`)), timeoutMs);
    let arrivedAt = 0;
    const parser = createParser({
      onEvent: (message) => {
        const event = readStreamEvent(message.event, message.data);
        if (event?.event === 'action') onAction(event.data.id, event.data.checkedAt, arrivedAt);
        else if (event?.event === 'synced') {
          following.clear();
          for (const id of event.data.ids) following.add(id);
          if (expected.every((id) => following.has(id))) settle();
        } else if (event?.event === 'bye') stream.byes.push(event.data.reason);
      },
    });
    const request: ClientRequest = get(`${origin}/relay/v1/stream`, { agent, headers: { authorization: `Bearer ${token}`, origin: testAppOrigin, accept: 'text/event-stream' } }, (response) => {
      response.setEncoding('utf8');
      response.on('error', (error) => settle(error)); // a close() after it settled: nothing more to say
      if (response.statusCode !== 200) {
        let body = '';
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => settle(new Error(`The stream answered ${response.statusCode}: ${body}`)));
        return;
      }
      response.on('data', (chunk: string) => {
        arrivedAt = performance.now();
        parser.feed(chunk);
        stream.readerMs += performance.now() - arrivedAt;
      });
      response.on('end', () => settle(new Error('The stream ended before its synced')));
    });
    request.on('error', (error) => settle(error));
  });
}
