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

function deviceFor(fields: JsonObject, store: ActionsStore, defaultDevice: Device): Device {
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
 * `timeline` (or `durations: "history"`, a timeline drawn like the seeded history's) and `startsOn`.
 * Missing fields get the defaults a fresh Isolate action would have.
 */
export function actionFromControlBody(
  body: JsonValue | undefined,
  store: ActionsStore,
  defaults: { nowMs: number; device: Device },
): StoredAction {
  if (!isJsonObject(body)) {
    throw invalid('Expected a JSON object of entity fields plus optional timeline and startsOn.');
  }
  const { timeline, startsOn, durations, ...fields } = body;
  const id = fields.id;
  if (id !== undefined && (typeof id !== 'string' || !isGuid(id))) throw invalid("'id' must be a GUID string.");
  if (typeof id === 'string' && store.find(id) !== undefined) {
    throw new DefenderError(409, 'Conflict', `Machine action ${id} already exists; reset first or use another id.`);
  }
  const device = deviceFor(fields, store, defaults.device);
  store.addDevice(device);
  const built = buildActionFields(fields, { nowMs: defaults.nowMs, device });
  return {
    fields: built,
    timeline: durations === undefined ? parseTimeline(timeline) : timelineFromHistory(durations, timeline, built),
    startsOn: parseStartsOn(startsOn),
    firstReadAtMs: null,
  };
}
