import * as v from 'valibot';
import { isGuid, type Guid } from '../lib/guid';
import { parseCheckRecordJson, type CheckRecord } from './check-record';

/** What the team relay's stream says (relay/README.md, "The stream"), each event read and checked. */
export type RelayEvent =
  | { event: 'action'; record: CheckRecord }
  /** A watched ID the analyst's own token cannot read: it is never streamed to this analyst. */
  | { event: 'denied'; id: Guid; reason: 'not-found' | 'forbidden' }
  /** The relay could not check the analyst's access to it yet (Defender throttled or failed): it will try again. */
  | { event: 'unchecked'; id: Guid }
  | { event: 'synced'; ids: Guid[] }
  | { event: 'paused'; until: number | undefined }
  /** The relay is closing this stream: the token ran out, or the replica is shutting down. Reconnect. */
  | { event: 'bye'; reason: string };

const guid = v.pipe(v.string(), v.check(isGuid), v.transform((id) => id.toLowerCase() as Guid));

const schemas = {
  denied: v.object({ id: guid, reason: v.picklist(['not-found', 'forbidden']) }),
  unchecked: v.object({ id: guid }),
  synced: v.object({ ids: v.pipe(v.array(guid), v.maxLength(10_000)) }),
  paused: v.object({ until: v.nullable(v.pipe(v.number(), v.finite())) }),
  bye: v.object({ reason: v.pipe(v.string(), v.maxLength(64)) }),
};

function parsed<T extends v.GenericSchema>(schema: T, data: string): v.InferOutput<T> | undefined {
  try {
    const result = v.safeParse(schema, JSON.parse(data));
    return result.success ? result.output : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One server-sent event of the relay's stream, or undefined for one this app does not know or cannot read:
 * a relay newer than the app, or a broken one, never breaks the watch.
 */
export function readRelayEvent(event: string | undefined, data: string): RelayEvent | undefined {
  switch (event) {
    case 'action': {
      const record = parseCheckRecordJson(data);
      return record && { event, record };
    }
    case 'denied': {
      const body = parsed(schemas.denied, data);
      return body && { event, ...body };
    }
    case 'unchecked': {
      const body = parsed(schemas.unchecked, data);
      return body && { event, id: body.id };
    }
    case 'synced': {
      const body = parsed(schemas.synced, data);
      return body && { event, ids: body.ids };
    }
    case 'paused': {
      const body = parsed(schemas.paused, data);
      return body && { event, until: body.until ?? undefined };
    }
    case 'bye': {
      const body = parsed(schemas.bye, data);
      return body && { event, reason: body.reason };
    }
    default:
      return undefined;
  }
}
