import { vi } from 'vitest';
import { actionBody } from './machine-actions';
import type { FetchInput } from '../defender/defender-client';

export const testApiBaseUrl = 'https://api.securitycenter.microsoft.com';

/** One call the fake answered, as the analyst's quota would count it. */
export interface FakeCall {
  /** One action by ID, many by `id in (…)` or an `or` chain of `id eq`, or a device's newest actions. */
  kind: 'one' | 'list' | 'device';
  /** For a list call: how its filter names the IDs, and the `$skip` of a further page (0 for the first). */
  filter?: 'in' | 'or';
  skip?: number;
  /** The action IDs the call named; for a device call, the device's id. */
  ids: string[];
  /** When it arrived (Date.now(), so fake timers move it). */
  at: number;
  url: string;
  authorization: string | null;
  /** Set for a call in `no-cors` mode (the client's cross-origin probe); absent for an ordinary call. */
  mode?: 'no-cors';
}

export interface ActionChanges {
  status?: string;
  /** Milliseconds since epoch. Left unset, the action is created ten seconds before each read: always new. */
  createdAt?: number;
  /** Any other field of the body, as Defender writes it (machineId, type, lastUpdateDateTimeUtc…). */
  fields?: Record<string, unknown>;
}

export interface FailureOptions {
  code?: string;
  message?: string;
  /** Defender's correlation id. */
  target?: string;
  headers?: Record<string, string>;
}

type NextAnswer =
  | { kind: 'answer'; status: number; body: string; headers: Record<string, string> }
  | { kind: 'connection-failure' }
  | { kind: 'hang' };

interface StoredAction {
  status: string;
  createdAt?: number;
  fields: Record<string, unknown>;
}

type Route =
  | { kind: 'one'; id: string }
  | { kind: 'list'; ids: string[]; filter: 'in' | 'or'; skip: number }
  | { kind: 'device'; machineId: string; top: number }
  | { kind: 'bad-query'; detail: string };

/** What the fake refuses or pages, as some tenants' APIs and proxies do. */
interface Edges {
  refuseIn: boolean;
  /** URLs longer than this get a 414. */
  maxUrlLength: number | undefined;
  /** List answers give at most this many actions, and a nextLink for the rest. */
  pageSize: number | undefined;
  /** As a browser calling an API without CORS from another origin: every call but a `no-cors` one is refused. */
  refuseCrossOrigin: boolean;
}

const defaultCodes: Record<number, string> = {
  400: 'InvalidInput',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'ResourceNotFound',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  503: 'ServiceUnavailable',
};

/** Defender's error answer: `{ error: { code, message, target } }`. */
function errorAnswer(status: number, options: FailureOptions = {}): NextAnswer {
  const code = options.code ?? defaultCodes[status] ?? 'Error';
  const error = { code, message: options.message ?? `${code} message`, target: options.target ?? 'corr-0001' };
  return { kind: 'answer', status, body: JSON.stringify({ error }), headers: { 'Content-Type': 'application/json', ...options.headers } };
}

function jsonAnswer(body: unknown, status = 200): NextAnswer {
  return { kind: 'answer', status, body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } };
}

function idsIn(filter: string): string[] | undefined {
  const list = /^id in \((.*)\)$/.exec(filter)?.[1];
  const quoted = list?.split(',').map((item) => /^'([^']*)'$/.exec(item)?.[1]);
  return quoted?.every((id) => id !== undefined) ? (quoted as string[]) : undefined;
}

/** `id eq 'a' or id eq 'b'`: XSOAR's shape. */
function idsEq(filter: string): string[] | undefined {
  const terms = filter.split(' or ').map((term) => /^id eq '([^']*)'$/.exec(term)?.[1]);
  return terms.every((id) => id !== undefined) ? (terms as string[]) : undefined;
}

/** The calls the app makes. A query it does not know is a 400, as Defender's OData gives; a path, no route at all. */
function routeOf(url: URL): Route | undefined {
  const one = /^\/api\/machineactions\/([^/]+)$/.exec(url.pathname);
  if (one) return { kind: 'one', id: one[1].toLowerCase() };
  if (url.pathname !== '/api/machineactions') return undefined;
  const filter = url.searchParams.get('$filter') ?? '';
  const skip = Number(url.searchParams.get('$skip') ?? 0);
  const inIds = idsIn(filter);
  if (inIds) return { kind: 'list', ids: inIds, filter: 'in', skip };
  const eqIds = idsEq(filter);
  if (eqIds) return { kind: 'list', ids: eqIds, filter: 'or', skip };
  const machineId = /^machineId eq '([0-9a-fA-F]{40})'$/.exec(filter)?.[1];
  if (!machineId) return { kind: 'bad-query', detail: `The fake does not serve $filter=${filter}` };
  if (url.searchParams.get('$orderby') !== 'creationDateTimeUtc desc') return { kind: 'bad-query', detail: 'A device list is read newest first.' };
  return { kind: 'device', machineId: machineId.toLowerCase(), top: Number(url.searchParams.get('$top') ?? 10) };
}

function urlOf(input: FetchInput): URL {
  return new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
}

/** A promise that settles only when the request is aborted, as fetch does then. */
function hang(signal: AbortSignal | null | undefined): Promise<Response> {
  return new Promise((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason), { once: true }));
}

/**
 * An in-memory Defender at the HTTP boundary, for unit tests: `fetch` goes to the real createDefenderClient.
 * It serves one action by ID, many by `id in (…)` or an `or` chain of `id eq`, and a device's newest actions;
 * each action's status and creation time are the test's to set, and the next calls' answers can be queued (a
 * 429 with Retry-After, a body that is not JSON, a dropped connection, a call that never answers). Like some
 * tenants, it can refuse `in` or long URLs, and page list answers with `@odata.nextLink`; like a browser
 * calling the real API from another origin, it can refuse every call but a `no-cors` one. It answers through promises
 * only, so it keeps time with vi.useFakeTimers; see also timeoutsOnTestTimers.
 */
export function fakeDefender(options: { now?: () => number } = {}) {
  const now = options.now ?? (() => Date.now());
  const actions = new Map<string, StoredAction>();
  const queue: NextAnswer[] = [];
  const calls: FakeCall[] = [];
  const edges: Edges = { refuseIn: false, maxUrlLength: undefined, pageSize: undefined, refuseCrossOrigin: false };

  function bodyOf(id: string): Record<string, unknown> {
    const stored = actions.get(id);
    if (!stored) throw new Error(`no action ${id}`);
    const created = new Date(stored.createdAt ?? now() - 10_000).toISOString();
    return actionBody({ id, status: stored.status, creationDateTimeUtc: created, lastUpdateDateTimeUtc: created, ...stored.fields });
  }

  /** A list item carries no @odata.context of its own: the list does. */
  function listAnswer(ids: string[], nextLink?: string): NextAnswer {
    const value = ids.map((id) => Object.fromEntries(Object.entries(bodyOf(id)).filter(([key]) => key !== '@odata.context')));
    return jsonAnswer({ '@odata.context': `${testApiBaseUrl}/api/$metadata#MachineActions`, value, ...(nextLink ? { '@odata.nextLink': nextLink } : {}) });
  }

  /** One page of a list call's actions; with paging on, a nextLink to the rest, as Defender's OData gives. */
  function listPage(url: URL, route: Extract<Route, { kind: 'list' }>): NextAnswer {
    const matching = [...actions.keys()].filter((id) => route.ids.includes(id));
    if (edges.pageSize === undefined) return listAnswer(matching);
    const end = route.skip + edges.pageSize;
    const next = new URL(url);
    next.searchParams.set('$skip', String(end));
    return listAnswer(matching.slice(route.skip, end), end < matching.length ? next.href : undefined);
  }

  /** A refusal some tenants' APIs and proxies give: `in` unknown, or a URL too long. */
  function refusal(url: URL, route: Route): NextAnswer | undefined {
    if (edges.maxUrlLength !== undefined && url.href.length > edges.maxUrlLength) return errorAnswer(414, { code: 'RequestUriTooLong', message: 'The request URI is too long.' });
    if (edges.refuseIn && route.kind === 'list' && route.filter === 'in') return errorAnswer(400, { code: 'BadRequest', message: "Invalid filter: the operator 'in' is not supported." });
    return undefined;
  }

  function deviceIds(machineId: string, top: number): string[] {
    const createdAt = (id: string) => Date.parse(String(bodyOf(id).creationDateTimeUtc));
    const onDevice = [...actions.keys()].filter((id) => String(bodyOf(id).machineId).toLowerCase() === machineId);
    return onDevice.sort((first, second) => createdAt(second) - createdAt(first)).slice(0, top);
  }

  function serve(url: URL, route: Exclude<Route, { kind: 'bad-query' }>): NextAnswer {
    switch (route.kind) {
      case 'one':
        return actions.has(route.id) ? jsonAnswer(bodyOf(route.id)) : errorAnswer(404, { message: `Machine action ${route.id} was not found` });
      case 'list':
        return listPage(url, route);
      case 'device':
        return listAnswer(deviceIds(route.machineId, route.top));
    }
  }

  function answer(next: NextAnswer, signal: AbortSignal | null | undefined): Promise<Response> {
    if (next.kind === 'hang') return hang(signal);
    if (next.kind === 'connection-failure') return Promise.reject(new TypeError('Failed to fetch'));
    return Promise.resolve(new Response(next.body, { status: next.status, headers: next.headers }));
  }

  const fetch = async (input: FetchInput, init: RequestInit = {}): Promise<Response> => {
    init.signal?.throwIfAborted();
    const url = urlOf(input);
    const route = routeOf(url);
    if ((init.method ?? 'GET') !== 'GET' || !route) throw new TypeError(`The fake Defender does not serve ${init.method ?? 'GET'} ${url.href}`);
    const authorization = new Headers(init.headers).get('Authorization');
    // A query the fake does not know is still answered by what a test queued for it (a requestor's list, say).
    if (route.kind === 'bad-query') return answer(queue.shift() ?? errorAnswer(400, { message: route.detail }), init.signal);
    const ids = route.kind === 'one' ? [route.id] : route.kind === 'list' ? route.ids : [route.machineId];
    const list = route.kind === 'list' ? { filter: route.filter, skip: route.skip } : {};
    const noCors = init.mode === 'no-cors' ? { mode: 'no-cors' as const } : {};
    calls.push({ kind: route.kind, ids, at: now(), url: url.href, authorization, ...list, ...noCors });
    // The browser's refusal: the same TypeError as a dropped connection. A no-cors call goes through, its
    // answer opaque to the caller (this fake's is a plain one: the client must read nothing of it).
    if (edges.refuseCrossOrigin && init.mode !== 'no-cors') return answer({ kind: 'connection-failure' }, init.signal);
    const queued = queue.shift() ?? refusal(url, route);
    if (queued) return answer(queued, init.signal);
    if (!authorization?.startsWith('Bearer ')) return answer(errorAnswer(401), init.signal);
    return answer(serve(url, route), init.signal);
  };

  return {
    fetch: fetch satisfies typeof globalThis.fetch,
    apiBaseUrl: testApiBaseUrl,
    /** Every call answered, oldest first; a test may empty it to watch what follows. */
    calls,
    /** Adds the action, or changes what is given and keeps the rest. A new action starts Pending. */
    setAction(id: string, changes: ActionChanges = {}): void {
      const stored = actions.get(id.toLowerCase()) ?? { status: 'Pending', fields: {} };
      const fields = { ...stored.fields, ...changes.fields };
      actions.set(id.toLowerCase(), { status: changes.status ?? stored.status, createdAt: changes.createdAt ?? stored.createdAt, fields });
    },
    /** Defender no longer knows the action: its read is a 404, and lists leave it out. */
    removeAction(id: string): void {
      actions.delete(id.toLowerCase());
    },
    /** The next call gets Defender's error answer with this status (and headers such as Retry-After). */
    failNext(status: number, failure: FailureOptions = {}): void {
      queue.push(errorAnswer(status, failure));
    },
    /** The next call gets this answer as it is: a string as its text, anything else as JSON. */
    answerNext(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): void {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      queue.push({ kind: 'answer', status: init.status ?? 200, body: text, headers: { 'Content-Type': 'application/json', ...init.headers } });
    },
    /** The next call never reaches Defender: fetch rejects, as for DNS, TLS and CORS failures. */
    failNextConnection(): void {
      queue.push({ kind: 'connection-failure' });
    },
    /** The next call never answers; only its abort (the client's timeout, the caller's cancel) ends it. */
    hangNext(): void {
      queue.push({ kind: 'hang' });
    },
    /** From now on, a list call with `id in (…)` gets a 400, as from an API without `in`. */
    refuseIn(): void {
      edges.refuseIn = true;
    },
    /** From now on, a URL longer than this gets a 414 RequestUriTooLong. */
    refuseUrlsLongerThan(length: number): void {
      edges.maxUrlLength = length;
    },
    /**
     * From now on, every call is refused as a browser refuses a cross-origin call to an API without CORS
     * (fetch rejects with a TypeError), but a `no-cors` one, which is answered as ever (no token: a 401).
     */
    refuseCrossOriginCalls(): void {
      edges.refuseCrossOrigin = true;
    },
    /** From now on, list answers give at most this many actions and an `@odata.nextLink` with `$skip` for the rest. */
    pageListsBy(size: number): void {
      edges.pageSize = size;
    },
  };
}

export type FakeDefender = ReturnType<typeof fakeDefender>;

/**
 * Node's AbortSignal.timeout keeps real time, which vi.useFakeTimers leaves alone: this puts it on the
 * test's timers, so a call that hangs times out when the test advances them. Undo with vi.restoreAllMocks.
 */
export function timeoutsOnTestTimers() {
  return vi.spyOn(AbortSignal, 'timeout').mockImplementation((ms) => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), ms);
    return controller.signal;
  });
}
