import type { Guid } from '../lib/guid';
import { crossOriginProbe } from './cross-origin-probe';
import { DefenderRequestError } from './defender-problem';
import { actionsRequestedByUrl, deviceActionsUrl, machineActionsByIdUrl, machineActionUrl, ownListPageUrl, type IdFilterKind } from './defender-urls';
import { problemFromResponse } from './error-response';
import { actionHistoryUrl } from './history-url';
import { parseMachineAction, parseMachineActionList, type MachineAction } from './machine-action';

export interface TokenRequest {
  /** Skip MSAL's cache: the API has just refused the cached token. */
  forceRefresh: boolean;
}

export interface DefenderClientOptions {
  apiBaseUrl: string;
  /** Returns an access token, or throws a DefenderRequestError (`sign-in-required`, `network`). */
  getAccessToken: (request: TokenRequest) => Promise<string>;
  /** A request that has not answered by then is aborted and reported as a timeout. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
  /**
   * The origin of the page that makes the calls (`location.origin`), in a browser only. A call to another
   * origin that does not get through is then asked once more without CORS, to tell a cross-origin call the
   * browser refused from a network fault (cross-origin-probe.ts).
   */
  pageOrigin?: string;
  /** Whether the browser believes it is online; offline, a call that does not get through is not probed. */
  isOnline?: () => boolean;
}

/** One page of a list answer. Each page is one call: the caller decides, within its budget, whether to read the next. */
export interface ActionListPage {
  actions: MachineAction[];
  /** The next page, from `@odata.nextLink`, when it is on this API's own list path. */
  nextLink?: string;
  /** A `@odata.nextLink` that pointed anywhere else: not followed, so that the token goes nowhere else. */
  ignoredNextLink?: string;
}

export interface DefenderClient {
  getMachineAction(id: Guid, signal?: AbortSignal): Promise<MachineAction>;
  /** Many actions in one call, the filter in the given shape; IDs Defender does not return are simply absent. */
  listMachineActions(ids: readonly Guid[], kind: IdFilterKind, signal?: AbortSignal): Promise<ActionListPage>;
  /** The page a list answer's `nextLink` named. A link off this API's own list path is refused unsent. */
  getMachineActionsPage(nextLink: string, signal?: AbortSignal): Promise<ActionListPage>;
  /** The newest actions on one device, newest first. */
  getDeviceActions(machineId: string, signal?: AbortSignal): Promise<MachineAction[]>;
  /** The actions one person requested since a time, newest first. */
  getActionsRequestedBy(requestor: string, since: Date, signal?: AbortSignal): Promise<MachineAction[]>;
  /** The tenant's actions of one type since a time, newest first (its history: how long they took). */
  getActionHistory(type: string, since: Date, signal?: AbortSignal): Promise<MachineAction[]>;
  /** The analyst's Defender token, as each call sends it: the team relay is handed the same one. */
  accessToken(request: TokenRequest): Promise<string>;
}

const defaultTimeoutMs = 20_000;

/** What fetch takes, in the browser's types and in Node's alike (the core compiles under both). */
export type FetchInput = Parameters<typeof fetch>[0];

/** Node's RequestInit has no `cache` (its fetch keeps no HTTP cache); the browser's must be told. */
type FetchInit = RequestInit & { cache?: 'no-store' };

export function createDefenderClient(options: DefenderClientOptions): DefenderClient {
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const now = options.now ?? Date.now;
  const fetchImpl = options.fetch ?? ((input: FetchInput, init?: RequestInit) => fetch(input, init));
  const probe = crossOriginProbe({ pageOrigin: options.pageOrigin, isOnline: options.isOnline ?? (() => true), fetch: fetchImpl, now, timeoutMs });

  interface Answer {
    status: number;
    retryAfter: string | null;
    text: string;
  }

  async function send(url: string, token: string, signal: AbortSignal | undefined): Promise<Answer> {
    const timeout = AbortSignal.timeout(timeoutMs);
    let answered = false;
    try {
      const init: FetchInit = {
        headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        cache: 'no-store',
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
      };
      const response = await fetchImpl(url, init);
      answered = true;
      probe.answered(url);
      // The body is read under the same timeout: a server can hang halfway through it too.
      return { status: response.status, retryAfter: response.headers.get('Retry-After'), text: await response.text() };
    } catch (error) {
      if (signal?.aborted) throw error; // the caller cancelled: not a Defender problem
      if (timeout.aborted) throw new DefenderRequestError({ kind: 'timeout', afterMs: timeoutMs });
      const message = (error as Error).message || 'The request failed.';
      // A body cut off halfway: the call got through, so CORS let it. Only a call with no answer at all is
      // probed: fetch rejects with the same TypeError for DNS, TLS, CORS and connection failures.
      const problem = answered ? { kind: 'network' as const, message } : await probe.diagnose(url, message);
      signal?.throwIfAborted(); // cancelled while the probe was out
      throw new DefenderRequestError(problem);
    }
  }

  /** GET with a token; a 401 gets one silently renewed token and one more try, never more. */
  async function getJson(url: string, signal: AbortSignal | undefined): Promise<unknown> {
    let answer = await send(url, await options.getAccessToken({ forceRefresh: false }), signal);
    if (answer.status === 401) answer = await send(url, await options.getAccessToken({ forceRefresh: true }), signal);
    if (answer.status < 200 || answer.status > 299) {
      throw new DefenderRequestError(problemFromResponse(answer.status, answer.retryAfter, answer.text, now()));
    }
    const text = answer.text;
    try {
      return JSON.parse(text);
    } catch {
      throw new DefenderRequestError({ kind: 'malformed', detail: 'The answer is not JSON.', rawText: text });
    }
  }

  function readList(body: unknown): MachineAction[] {
    const parsed = parseMachineActionList(body);
    if (!parsed.ok) throw new DefenderRequestError({ kind: 'malformed', detail: parsed.detail, rawText: JSON.stringify(body, null, 2) });
    return parsed.actions;
  }

  function readPage(body: unknown): ActionListPage {
    const actions = readList(body);
    const link = typeof body === 'object' && body !== null && '@odata.nextLink' in body ? body['@odata.nextLink'] : undefined;
    if (typeof link !== 'string' || link === '') return { actions };
    const nextLink = ownListPageUrl(options.apiBaseUrl, link);
    return nextLink ? { actions, nextLink } : { actions, ignoredNextLink: link };
  }

  return {
    async getMachineAction(id, signal) {
      const body = await getJson(machineActionUrl(options.apiBaseUrl, id), signal);
      const parsed = parseMachineAction(body);
      if (!parsed.ok) throw new DefenderRequestError({ kind: 'malformed', detail: parsed.detail, rawText: JSON.stringify(body, null, 2) });
      if (parsed.action.id.toLowerCase() !== id) {
        throw new DefenderRequestError({ kind: 'malformed', detail: `The answer describes action ${parsed.action.id}, not ${id}.`, rawText: JSON.stringify(body, null, 2) });
      }
      return parsed.action;
    },
    async listMachineActions(ids, kind, signal) {
      return readPage(await getJson(machineActionsByIdUrl(options.apiBaseUrl, ids, kind), signal));
    },
    async getMachineActionsPage(nextLink, signal) {
      // Checked again here, at the last moment, whatever the caller passes: the token goes to this API only.
      const url = ownListPageUrl(options.apiBaseUrl, nextLink);
      if (!url) throw new TypeError("A next page must be on this API's own list path.");
      return readPage(await getJson(url, signal));
    },
    async getDeviceActions(machineId, signal) {
      return readList(await getJson(deviceActionsUrl(options.apiBaseUrl, machineId), signal));
    },
    async getActionsRequestedBy(requestor, since, signal) {
      return readList(await getJson(actionsRequestedByUrl(options.apiBaseUrl, requestor, since), signal));
    },
    async getActionHistory(type, since, signal) {
      return readList(await getJson(actionHistoryUrl(options.apiBaseUrl, type, since), signal));
    },
    accessToken: (request) => options.getAccessToken(request),
  };
}
