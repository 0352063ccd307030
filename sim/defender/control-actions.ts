import { randomBytes } from 'node:crypto';
import { isJsonObject, type JsonObject, type JsonValue } from '../http/json.ts';
import type { ActionsStore } from './actions-store.ts';
import { DefenderError } from './errors.ts';
import { buildActionFields, isGuid, textField, type Device, type StoredAction } from './machine-action.ts';
import { timelineFromHistory } from './played-durations.ts';
import type { TimelineStart, TimelineStep } from './timeline.ts';

/** The body of POST /_sim/actions: entity fields, kept verbatim (unknown ones too), plus how the action moves on. */
export type NewActionRequest = Readonly<Record<string, unknown>> & {
  readonly timeline?: readonly TimelineStep[];
  readonly startsOn?: TimelineStart;
  /** Instead of a timeline: draw one from the type's durations, as the seeded history's (played-durations.ts). */
  readonly durations?: 'history';
  /**
   * The device group of the action's device (RBAC: who may see it). Without a `machineId`, the action
   * runs on a new device of that group; by default on the default device, outside Branch Office.
   */
  readonly deviceGroup?: string;
};

function invalid(message: string): DefenderError {
  return new DefenderError(400, 'InvalidRequestBody', message);
}

function parseTimeline(value: JsonValue | undefined): TimelineStep[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw invalid("'timeline' must be an array of { status, afterMs }.");
  return value.map((step, index) => {
    if (
      !isJsonObject(step) ||
      typeof step.status !== 'string' ||
      typeof step.afterMs !== 'number' ||
      !(step.afterMs >= 0)
    ) {
      throw invalid(`timeline[${index}] must be { "status": string, "afterMs": number >= 0 }.`);
    }
    return { status: step.status, afterMs: step.afterMs };
  });
}

function parseStartsOn(value: JsonValue | undefined): TimelineStart {
  if (value === undefined || value === 'creation' || value === 'first-read') return value ?? 'creation';
  throw invalid("'startsOn' must be 'creation' or 'first-read'.");
}

function parseDeviceGroup(value: JsonValue | undefined): string | undefined {
  if (value === undefined || (typeof value === 'string' && value.trim() !== '')) return value;
  throw invalid("'deviceGroup' must be a non-empty string.");
}

function newDevice(fields: JsonObject, machineId: string, deviceGroup: string): Device {
  const computerDnsName = textField(fields, 'computerDnsName') ?? `device-${machineId.slice(0, 6)}.contoso.example`;
  return { machineId, computerDnsName, deviceGroup };
}

/** A known device keeps its group: asking for another one is a mistake in the test, not a move. */
function deviceFor(fields: JsonObject, group: string | undefined, store: ActionsStore, defaultDevice: Device): Device {
  const machineId = fields.machineId;
  if (machineId === undefined) {
    if (group === undefined || group === defaultDevice.deviceGroup) return defaultDevice;
    return newDevice(fields, randomBytes(20).toString('hex'), group);
  }
  if (typeof machineId !== 'string' || machineId === '') throw invalid("'machineId' must be a non-empty string.");
  const known = store.findDevice(machineId);
  if (known === undefined) return newDevice(fields, machineId, group ?? defaultDevice.deviceGroup);
  if (group !== undefined && group !== known.deviceGroup) {
    throw invalid(`Machine ${machineId} is in device group '${known.deviceGroup}', not '${group}'.`);
  }
  return known;
}

/**
 * Builds an action from a control-API body: any entity fields (kept verbatim, unknown ones too) plus
 * `timeline` (or `durations: "history"`, a timeline drawn like the seeded history's) and `startsOn`.
 * Missing fields get the defaults a fresh Isolate action would have.
 */
export function actionFromControlBody(
  body: JsonValue | undefined,
  store: ActionsStore,
  defaults: { nowMs: number; device: Device },
): StoredAction {
  if (!isJsonObject(body)) {
    throw invalid('Expected a JSON object of entity fields plus optional timeline, startsOn and deviceGroup.');
  }
  const { timeline, startsOn, durations, deviceGroup, ...fields } = body;
  const id = fields.id;
  if (id !== undefined && (typeof id !== 'string' || !isGuid(id))) throw invalid("'id' must be a GUID string.");
  if (typeof id === 'string' && store.find(id) !== undefined) {
    throw new DefenderError(409, 'Conflict', `Machine action ${id} already exists; reset first or use another id.`);
  }
  const device = deviceFor(fields, parseDeviceGroup(deviceGroup), store, defaults.device);
  store.addDevice(device);
  const built = buildActionFields(fields, { nowMs: defaults.nowMs, device });
  return {
    fields: built,
    timeline: durations === undefined ? parseTimeline(timeline) : timelineFromHistory(durations, timeline, built),
    startsOn: parseStartsOn(startsOn),
    firstReadAtMs: null,
  };
}
