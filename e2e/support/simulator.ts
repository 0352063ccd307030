/** The simulator's control API (sim/defender/control routes), which tests use to set the scene. */
const controlUrl = `http://127.0.0.1:${process.env.SIM_API_PORT ?? 4020}/_sim`;

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${controlUrl}${path}`, {
    method,
    headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} /_sim${path} answered ${response.status}: ${await response.text()}`);
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export interface TimelineStep {
  status: string;
  afterMs: number;
}

export interface SimulatedAction {
  id: string;
  status: string;
  [field: string]: unknown;
}

export interface Fault {
  status?: number;
  count?: number;
  retryAfter?: string | null;
  delayMs?: number;
  malformed?: boolean;
  hang?: boolean;
  match?: string;
}

export interface LoggedRequest {
  at: string;
  method: string;
  path: string;
  /** The decoded query parameters, e.g. { $filter: "id in ('…')" }. */
  query: Record<string, string>;
  status: number;
  user: string | null;
}

export function readsAction(request: Pick<LoggedRequest, 'path' | 'query'>, id: string): boolean {
  const path = request.path.toLowerCase();
  return path.endsWith(`/api/machineactions/${id}`) || (path.endsWith('/api/machineactions') && (request.query.$filter ?? '').toLowerCase().includes(id));
}

export const simulator = {
  reset: () => call<void>('POST', '/reset'),
  createAction: (action: Record<string, unknown> & { timeline?: TimelineStep[]; startsOn?: 'creation' | 'first-read' }) =>
    call<SimulatedAction>('POST', '/actions', action),
  injectFault: (fault: Fault) => call<void>('POST', '/faults', fault),
  clearFaults: () => call<void>('DELETE', '/faults'),
  advanceClock: (advanceMs: number) => call<{ now: string }>('POST', '/clock', { advanceMs }),
  requests: () => call<LoggedRequest[]>('GET', '/requests'),
  clearRequests: () => call<void>('DELETE', '/requests'),
  /** How many requests read this action: by itself, or in a list call whose filter names it. */
  readsOf: async (id: string) => (await call<LoggedRequest[]>('GET', '/requests')).filter((request) => readsAction(request, id)).length,
};

/** Seeded actions (sim/seed.ts): fixed ids that tests and the README can name. */
export const seeded = {
  pendingIsolation: '11111111-1111-4111-8111-000000000001',
  runningScan: '11111111-1111-4111-8111-000000000002',
  succeededPackage: '11111111-1111-4111-8111-000000000003',
  failedIsolation: '11111111-1111-4111-8111-000000000004',
  timedOutLiveResponse: '11111111-1111-4111-8111-000000000005',
  cancelledIsolation: '11111111-1111-4111-8111-000000000006',
  offlineDevice: '11111111-1111-4111-8111-000000000007',
  legacySpellings: '11111111-1111-4111-8111-000000000008',
  unknownStatus: '11111111-1111-4111-8111-000000000009',
  hostileStrings: '11111111-1111-4111-8111-000000000010',
  quarantinedFile: '11111111-1111-4111-8111-000000000011',
} as const;
