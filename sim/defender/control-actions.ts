import { isJsonObject, type JsonObject, type JsonValue } from '../http/json.ts';
import { defaultDevice } from '../seed.ts';
import type { ActionsStore } from './actions-store.ts';
import { DefenderError } from './errors.ts';
import { buildActionFields, isGuid, textField, type Device, type StoredAction } from './machine-action.ts';
import type { TimelineStart, TimelineStep } from './timeline.ts';

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

function deviceFor(fields: JsonObject, store: ActionsStore): Device {
  const machineId = fields.machineId;
  if (machineId === undefined) return defaultDevice;
  if (typeof machineId !== 'string' || machineId === '') throw invalid("'machineId' must be a non-empty string.");
  return (
    store.findDevice(machineId) ?? {
      machineId,
      computerDnsName: textField(fields, 'computerDnsName') ?? `device-${machineId.slice(0, 6)}.contoso.example`,
    }
  );
}

/**
 * Builds an action from a control-API body: any entity fields (kept verbatim, unknown ones too) plus
 * `timeline` and `startsOn`. Missing fields get the defaults a fresh Isolate action would have.
 */
export function actionFromControlBody(body: JsonValue | undefined, store: ActionsStore, nowMs: number): StoredAction {
  if (!isJsonObject(body)) {
    throw invalid('Expected a JSON object of entity fields plus optional timeline and startsOn.');
  }
  const { timeline, startsOn, ...fields } = body;
  const id = fields.id;
  if (id !== undefined && (typeof id !== 'string' || !isGuid(id))) throw invalid("'id' must be a GUID string.");
  if (typeof id === 'string' && store.find(id) !== undefined) {
    throw new DefenderError(409, 'Conflict', `Machine action ${id} already exists; reset first or use another id.`);
  }
  const device = deviceFor(fields, store);
  store.addDevice(device);
  return {
    fields: buildActionFields(fields, { nowMs, device }),
    timeline: parseTimeline(timeline),
    startsOn: parseStartsOn(startsOn),
    firstReadAtMs: null,
  };
}
