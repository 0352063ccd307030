import { ODATA_COLLECTION_CONTEXT, ODATA_ENTITY_CONTEXT } from '../constants.ts';
import type { SimClock } from '../clock.ts';
import type { JsonObject, JsonValue } from '../http/json.ts';
import type { Route } from '../http/router.ts';
import type { ActionsStore } from './actions-store.ts';
import type { Caller, Permission } from './bearer-auth.ts';
import { seesAction, seesDeviceGroup, type DeviceGroupScope } from './device-groups.ts';
import { DefenderError } from './errors.ts';
import {
  buildActionFields,
  cancelAction,
  FINAL_STATUSES,
  isGuid,
  RUNNING_STATUSES,
  statusOf,
  textField,
  viewAction,
  type StoredAction,
} from './machine-action.ts';
import { ODataQueryError } from './odata-filter.ts';
import { applyListQuery, parseListQuery, type ListQuery } from './odata-query.ts';
import { parseCommentBody, parseIsolateBody } from './request-bodies.ts';
import { nextLink, pageOf, requireNoIn, type SwitchBoard } from './switches.ts';
import type { TimelineStep } from './timeline.ts';

export interface ApiState {
  readonly store: ActionsStore;
  readonly clock: SimClock;
  readonly switches: SwitchBoard;
}

export interface ApiRequest {
  /** On the origin the caller used (its Host header), so that links in answers point back to it. */
  readonly url: URL;
  readonly caller: Caller;
  /** The device groups the caller may see; anything outside them answers as if it did not exist. */
  readonly deviceGroups: DeviceGroupScope;
  readonly params: readonly string[];
  /** The parsed JSON body; undefined when it is not JSON. */
  readonly json: () => Promise<JsonValue | undefined>;
}

export interface ApiResponse {
  readonly status: number;
  readonly body: JsonValue;
}

export interface ApiRoute {
  /** Any one of its delegated permissions (a user) or application permissions (an app) lets the call through. */
  readonly permission: Permission;
  readonly handle: (request: ApiRequest, state: ApiState) => Promise<ApiResponse> | ApiResponse;
}

const READ: Permission = {
  delegated: ['Machine.Read', 'Machine.ReadWrite'],
  application: ['Machine.Read.All', 'Machine.ReadWrite.All'],
};
/** Defender names the application permission to isolate as the delegated one. */
const ISOLATE: Permission = { delegated: ['Machine.Isolate'], application: ['Machine.Isolate'] };

/** The doc examples show isolation finishing in about a minute. */
const ISOLATION_TIMELINE: readonly TimelineStep[] = [
  { status: 'InProgress', afterMs: 5_000 },
  { status: 'Succeeded', afterMs: 60_000 },
];

function requireGuid(id: string): void {
  if (!isGuid(id)) {
    throw new DefenderError(400, 'InvalidInput', `'${id}' is not a valid machine action id: expected a GUID.`);
  }
}

function actionNotFound(id: string): DefenderError {
  return new DefenderError(404, 'ResourceNotFound', `Machine action ${id} was not found.`);
}

function entity(view: JsonObject): JsonObject {
  return { '@odata.context': ODATA_ENTITY_CONTEXT, ...view };
}

function param(request: ApiRequest, index: number): string {
  return request.params[index] ?? '';
}

/** An action outside the caller's device groups is not found, as on Defender: not even its existence shows. */
function visibleAction(request: ApiRequest, store: ActionsStore, id: string): StoredAction {
  const action = store.find(id);
  if (action === undefined || !seesAction(request.deviceGroups, action, store)) throw actionNotFound(id);
  return action;
}

function getAction(request: ApiRequest, { store, clock }: ApiState): ApiResponse {
  const id = param(request, 0);
  requireGuid(id);
  const now = clock.now();
  const found = visibleAction(request, store, id);
  const action = store.markRead(id, now) ?? found;
  return { status: 200, body: entity(viewAction(action, now)) };
}

function listQuery(url: URL): ListQuery {
  try {
    return parseListQuery(url.searchParams);
  } catch (error) {
    if (error instanceof ODataQueryError) throw new DefenderError(400, error.code, error.message);
    throw error;
  }
}

function listActions(request: ApiRequest, { store, clock, switches }: ApiState): ApiResponse {
  const { url } = request;
  const query = listQuery(url);
  requireNoIn(switches.current(), query.filter);
  const now = clock.now();
  const matching = applyListQuery(
    query,
    store
      .all()
      .filter((action) => seesAction(request.deviceGroups, action, store))
      .map((action) => viewAction(action, now)),
  );
  const page = pageOf(switches.current(), matching, { skip: query.skip, topGiven: url.searchParams.has('$top') });
  const value = page.items.map((view) => {
    const read = store.markRead(textField(view, 'id') ?? '', now);
    return read === undefined ? view : viewAction(read, now);
  });
  const body: JsonObject = { '@odata.context': ODATA_COLLECTION_CONTEXT, value };
  if (page.nextSkip !== null) body['@odata.nextLink'] = nextLink(url.origin, url.pathname, url.search, page.nextSkip);
  return { status: 200, body };
}

function requireNoIsolationRunning(store: ActionsStore, machineId: string, now: number): void {
  const running = store
    .all()
    .map((action) => viewAction(action, now))
    .some(
      (view) =>
        textField(view, 'machineId')?.toLowerCase() === machineId.toLowerCase() &&
        ['Isolate', 'Unisolate'].includes(textField(view, 'type') ?? '') &&
        RUNNING_STATUSES.has(statusOf(view)),
    );
  if (running) throw new DefenderError(400, 'ActiveRequestAlreadyExists', 'Action is already in progress');
}

function isolationRequest(
  type: 'Isolate' | 'Unisolate',
  body: JsonValue | undefined,
): { comment: string; scope: string | null } {
  if (type === 'Unisolate') return { comment: parseCommentBody(body).comment, scope: null };
  const { comment, isolationType } = parseIsolateBody(body);
  return { comment, scope: isolationType };
}

/** Delegated calls act as the signed-in user; the app id stands in when a token has no upn. */
function requestorOf(caller: Caller): string {
  return caller.upn ?? caller.appId;
}

function createIsolationRoute(type: 'Isolate' | 'Unisolate'): ApiRoute['handle'] {
  return async (request, { store, clock }) => {
    const machineId = param(request, 0);
    const device = store.findDevice(machineId);
    if (device === undefined || !seesDeviceGroup(request.deviceGroups, device.deviceGroup)) {
      throw new DefenderError(404, 'ResourceNotFound', `Machine ${machineId} was not found.`);
    }
    const { comment, scope } = isolationRequest(type, await request.json());
    const now = clock.now();
    requireNoIsolationRunning(store, device.machineId, now);
    const action: StoredAction = {
      fields: buildActionFields(
        { type, scope, requestor: requestorOf(request.caller), requestorComment: comment },
        { nowMs: now, device },
      ),
      timeline: ISOLATION_TIMELINE,
      startsOn: 'creation',
      firstReadAtMs: null,
    };
    store.save(action);
    return { status: 201, body: entity(viewAction(action, now)) };
  };
}

async function cancel(request: ApiRequest, { store, clock }: ApiState): Promise<ApiResponse> {
  const id = param(request, 0);
  requireGuid(id);
  const action = visibleAction(request, store, id);
  const { comment } = parseCommentBody(await request.json());
  const now = clock.now();
  const status = statusOf(viewAction(action, now));
  if (FINAL_STATUSES.has(status)) {
    throw new DefenderError(
      400,
      'BadRequest',
      `Machine action ${id} is ${status}; only actions that have not finished can be cancelled.`,
    );
  }
  const cancelled = cancelAction(action, {
    requestor: requestorOf(request.caller),
    comment,
    nowMs: now,
  });
  store.save(cancelled);
  return { status: 200, body: entity(viewAction(cancelled, now)) };
}

// Paths are case-insensitive, as on the real API.
export const apiRoutes: readonly Route<ApiRoute>[] = [
  { method: 'GET', pattern: /^\/api\/machineactions\/?$/i, handler: { permission: READ, handle: listActions } },
  { method: 'GET', pattern: /^\/api\/machineactions\/([^/]+)\/?$/i, handler: { permission: READ, handle: getAction } },
  {
    method: 'POST',
    pattern: /^\/api\/machineactions\/([^/]+)\/cancel\/?$/i,
    handler: { permission: ISOLATE, handle: cancel },
  },
  {
    method: 'POST',
    pattern: /^\/api\/machines\/([^/]+)\/isolate\/?$/i,
    handler: { permission: ISOLATE, handle: createIsolationRoute('Isolate') },
  },
  {
    method: 'POST',
    pattern: /^\/api\/machines\/([^/]+)\/unisolate\/?$/i,
    handler: { permission: ISOLATE, handle: createIsolationRoute('Unisolate') },
  },
];
