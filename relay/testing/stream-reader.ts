/** One server-sent event as the relay writes them: a name and one JSON data line. */
export interface ReceivedEvent {
  event: string;
  data: unknown;
}

/**
 * Reads a relay stream with fetch, as the browser will (EventSource cannot send Authorization), and keeps
 * every event for the test to wait on.
 */
export interface StreamReader {
  status: number;
  headers: Headers;
  events: ReceivedEvent[];
  /** Resolves with the first event (already received or still to come) that matches, or rejects after `timeoutMs`. */
  waitFor(match: (event: ReceivedEvent) => boolean, timeoutMs?: number): Promise<ReceivedEvent>;
  /** Whether the relay has ended the stream. */
  ended: Promise<void>;
  close(): void;
}

export async function openStream(url: string, token: string, origin: string): Promise<StreamReader> {
  const abort = new AbortController();
  const response = await fetch(`${url}/v1/stream`, { headers: { authorization: `Bearer ${token}`, origin }, signal: abort.signal });
  const events: ReceivedEvent[] = [];
  const waiters = new Set<() => void>();
  const body = response.body;
  const ended = (async () => {
    if (!body || response.status !== 200) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      const reader = body.getReader();
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        buffer += decoder.decode(chunk.value, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const name = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (name !== undefined && data !== undefined) events.push({ event: name, data: JSON.parse(data) });
          else events.push({ event: 'comment', data: block });
          for (const wake of waiters) wake();
        }
      }
    } catch {
      // aborted by close()
    }
    for (const wake of waiters) wake();
  })();
  let done = false;
  void ended.then(() => {
    done = true;
  });
  return {
    status: response.status,
    headers: response.headers,
    events,
    ended,
    waitFor(match, timeoutMs = 8_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(match);
          if (found) {
            cleanup();
            resolve(found);
          } else if (done) {
            cleanup();
            reject(new Error(`The stream ended first; it carried: ${JSON.stringify(events.map((event) => event.event))}`));
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`No such event within ${timeoutMs} ms; the stream carried: ${JSON.stringify(events.map((event) => event.event))}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    close: () => abort.abort(),
  };
}
