// The simulator's control API (/_sim), as the browser benchmarks call it: one place for the request
// shape and for turning a refusal into an error that says which call failed.

/** Where a benchmark finds the app, the Defender API (as the page calls it) and the control API. */
export interface BenchTarget {
  appUrl: string;
  apiOrigin: string;
  controlUrl: string;
}

/** One control-API call; the parsed JSON answer, or undefined for an empty one (204). */
export async function control(target: Pick<BenchTarget, 'controlUrl'>, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${target.controlUrl}${path}`, {
    method,
    headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} /_sim${path} answered ${response.status}: ${await response.text()}`);
  const text = await response.text();
  return text ? (JSON.parse(text) as unknown) : undefined;
}

/** An entry of the simulator's request log (GET /_sim/requests), as far as the benchmarks read it. */
export interface LoggedRequest {
  /** Simulated time, ISO 8601. */
  at: string;
  method: string;
  path: string;
  status: number | null;
}

/** The Defender reads in the simulator's log: single reads and list calls alike. */
export async function defenderReads(target: Pick<BenchTarget, 'controlUrl'>): Promise<LoggedRequest[]> {
  const log = (await control(target, 'GET', '/requests')) as LoggedRequest[];
  return log.filter((request) => request.method === 'GET' && request.path.toLowerCase().startsWith('/api/machineactions'));
}
