import { randomUUID } from 'node:crypto';
import type { JsonObject } from '../http/json.ts';
import { reachedStep, type TimelineStart, type TimelineStep } from './timeline.ts';
import { formatDefenderTime, parseDefenderTime } from './timestamps.ts';

/** Note the two L's in Cancelled. Any other status is shown verbatim and never counts as final. */
export const FINAL_STATUSES: ReadonlySet<string> = new Set(['Succeeded', 'Failed', 'TimeOut', 'Cancelled']);
export const RUNNING_STATUSES: ReadonlySet<string> = new Set(['Pending', 'InProgress']);

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(text: string): boolean {
  return GUID.test(text);
}

export interface Device {
  readonly machineId: string;
  readonly computerDnsName: string;
  /** The Defender device group (RBAC): who may see the device and its actions. */
  readonly deviceGroup: string;
}

/**
 * An action as stored: its JSON fields as the API would return them (kept verbatim, so legacy
 * spellings and unknown fields survive) plus the timeline that moves its status on the clock.
 */
export interface StoredAction {
  readonly fields: JsonObject;
  readonly timeline: readonly TimelineStep[];
  readonly startsOn: TimelineStart;
  readonly firstReadAtMs: number | null;
}

export function textField(fields: JsonObject, key: string): string | undefined {
  const value = fields[key];
  return typeof value === 'string' ? value : undefined;
}

export function actionId(action: StoredAction): string {
  return textField(action.fields, 'id') ?? '';
}

/** Older doc examples spell these differently; an entity keeps whichever spelling it was given. */
const LEGACY_SPELLINGS = [
  ['lastUpdateDateTimeUtc', 'lastUpdateTimeUtc'],
  ['externalId', 'externalID'],
] as const;

function lastUpdateKey(fields: JsonObject): string {
  return 'lastUpdateDateTimeUtc' in fields || !('lastUpdateTimeUtc' in fields)
    ? 'lastUpdateDateTimeUtc'
    : 'lastUpdateTimeUtc';
}

/** Every documented field, in the order the real API writes them, with `overrides` applied on top. */
export function buildActionFields(overrides: JsonObject, defaults: { nowMs: number; device: Device }): JsonObject {
  const created = formatDefenderTime(defaults.nowMs);
  const fields: JsonObject = {
    id: randomUUID(),
    type: 'Isolate',
    scope: 'Full',
    requestor: 'dana.analyst@contoso.example',
    requestorComment: 'Created through the simulator control API',
    status: 'Pending',
    machineId: defaults.device.machineId,
    computerDnsName: defaults.device.computerDnsName,
    creationDateTimeUtc: created,
    lastUpdateDateTimeUtc: created,
    cancellationRequestor: null,
    cancellationComment: null,
    cancellationDateTimeUtc: null,
    errorHResult: 0,
    title: null,
    externalId: null,
    requestSource: 'PublicApi',
    relatedFileInfo: null,
    commands: [],
    troubleshootInfo: null,
  };
  for (const [modern, legacy] of LEGACY_SPELLINGS) {
    if (legacy in overrides && !(modern in overrides)) delete fields[modern];
  }
  const merged = { ...fields, ...overrides };
  const creation = textField(merged, 'creationDateTimeUtc');
  if (!('lastUpdateDateTimeUtc' in overrides) && !('lastUpdateTimeUtc' in overrides) && creation !== undefined) {
    merged[lastUpdateKey(merged)] = creation;
  }
  return merged;
}

function timelineStart(action: StoredAction): number | null {
  if (action.startsOn === 'first-read') return action.firstReadAtMs;
  return parseDefenderTime(textField(action.fields, 'creationDateTimeUtc') ?? '') ?? null;
}

/** The entity as the API shows it at `nowMs`: status and last-update time follow the timeline. */
export function viewAction(action: StoredAction, nowMs: number): JsonObject {
  const step = reachedStep(action.timeline, timelineStart(action), nowMs);
  if (step === undefined) return { ...action.fields };
  return {
    ...action.fields,
    status: step.status,
    [lastUpdateKey(action.fields)]: formatDefenderTime(step.reachedAtMs),
  };
}

export function statusOf(view: JsonObject): string {
  return textField(view, 'status') ?? '';
}

/** Freezes the action as Cancelled at `nowMs`, whatever its timeline would have done next. */
export function cancelAction(
  action: StoredAction,
  cancellation: { requestor: string; comment: string; nowMs: number },
): StoredAction {
  const at = formatDefenderTime(cancellation.nowMs);
  return {
    ...action,
    fields: {
      ...viewAction(action, cancellation.nowMs),
      status: 'Cancelled',
      [lastUpdateKey(action.fields)]: at,
      cancellationRequestor: cancellation.requestor,
      cancellationComment: cancellation.comment,
      cancellationDateTimeUtc: at,
    },
    timeline: [],
  };
}
