import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the stand-in Defender host received it. */
export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

/** How the host answers the next requests: each test sets the behaviour it needs. */
export type HostBehaviour = (response: ServerResponse, request: ReceivedRequest) => void;

/**
 * A real HTTP server standing where Defender would, for the tests of the server's Defender path: it records
 * what reaches it (to prove what is and is not forwarded) and answers as the test says (slowly, hugely, 429…).
 */
export interface DefenderHost {
  origin: string;
  received: ReceivedRequest[];
  answer(behaviour: HostBehaviour): void;
  close(): Promise<void>;
}

export const answerJson =
  (status: number, body: unknown, headers: Record<string, string> = {}): HostBehaviour =>
  (response) => {
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    response.end(JSON.stringify(body));
  };

export async function startDefenderHost(): Promise<DefenderHost> {
  const received: ReceivedRequest[] = [];
  let behaviour: HostBehaviour = answerJson(200, { value: [] });
  const server = createServer((request, response) => {
    const entry = { method: request.method ?? '', url: request.url ?? '', headers: request.headers };
    received.push(entry);
    behaviour(response, entry);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    answer: (next) => (behaviour = next),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
