import * as v from 'valibot';
import type { DefenderProblem } from '../../defender/defender-problem';
import { parseMachineAction } from '../../defender/machine-action';
import { isGuid, type Guid } from '../../lib/guid';
import type { ActionWatch } from './watch-state';

/**
 * One action's latest check as plain JSON: what the team relay stores in Redis, publishes, and streams to
 * browsers, which rebuild the watch from it. The action is Defender's own JSON (`MachineAction.raw`), so a
 * reader parses it with `parseMachineAction` as if it came from Defender; the rest are times in
 * milliseconds since the epoch.
 */
export interface CheckRecord {
  id: Guid;
  checkedAt: number;
  /** Defender's JSON of the last good read, or null before one. */
  action: unknown;
  readAt: number | null;
  failure: { problem: DefenderProblem; count: number; since: number; lastAt: number } | null;
  history: { status: string; at: number }[];
}

export function toCheckRecord(id: Guid, watch: ActionWatch, checkedAt: number): CheckRecord {
  return {
    id,
    checkedAt,
    action: watch.action?.raw ?? null,
    readAt: watch.readAt ?? null,
    failure: watch.failure ?? null,
    history: watch.history,
  };
}

/** The watch the app's poller keeps, rebuilt from a record; the jitter is drawn afresh. */
export function toActionWatch(record: CheckRecord, random: () => number = Math.random): ActionWatch {
  const parsed = record.action === null ? undefined : parseMachineAction(record.action);
  return {
    action: parsed?.ok ? parsed.action : undefined,
    readAt: record.readAt ?? undefined,
    failure: record.failure ?? undefined,
    history: record.history,
    jitter: random(),
  };
}

const time = v.pipe(v.number(), v.finite());
const text = v.optional(v.pipe(v.string(), v.maxLength(4_000)));
const status = v.pipe(v.number(), v.integer(), v.minValue(100), v.maxValue(599));

// Every field the pages show is checked: a record comes over the network, and its text reaches the screen.
const problemSchema = v.variant('kind', [
  v.object({ kind: v.literal('not-found'), code: text, message: text, target: text }),
  v.object({ kind: v.literal('sign-in-required'), message: text, target: text }),
  v.object({ kind: v.literal('forbidden'), code: text, message: text, target: text }),
  v.object({ kind: v.literal('throttled'), retryAfterMs: v.optional(v.pipe(time, v.minValue(0))), message: text, target: text }),
  v.object({ kind: v.literal('server'), status, code: text, message: text, target: text }),
  v.object({ kind: v.literal('bad-request'), status, code: text, message: text, target: text }),
  v.object({ kind: v.literal('network'), message: v.pipe(v.string(), v.maxLength(4_000)) }),
  v.object({ kind: v.literal('cross-origin'), apiOrigin: v.pipe(v.string(), v.maxLength(400)), pageOrigin: v.pipe(v.string(), v.maxLength(400)) }),
  v.object({ kind: v.literal('timeout'), afterMs: time }),
  v.object({ kind: v.literal('malformed'), detail: v.pipe(v.string(), v.maxLength(4_000)), rawText: v.pipe(v.string(), v.maxLength(100_000)) }),
]);

const recordSchema = v.object({
  id: v.pipe(v.string(), v.check(isGuid)),
  checkedAt: time,
  action: v.unknown(),
  readAt: v.nullable(time),
  failure: v.nullable(v.object({ problem: problemSchema, count: time, since: time, lastAt: time })),
  history: v.pipe(v.array(v.object({ status: v.pipe(v.string(), v.maxLength(64)), at: time })), v.maxLength(100)),
});

/** A record read back from Redis, pub/sub or a relay's stream, or undefined when it is not one a relay wrote. */
export function parseCheckRecord(value: unknown): CheckRecord | undefined {
  const parsed = v.safeParse(recordSchema, value);
  if (!parsed.success) return undefined;
  return { ...parsed.output, id: parsed.output.id.toLowerCase() as Guid, action: parsed.output.action ?? null };
}

export function parseCheckRecordJson(json: string | null): CheckRecord | undefined {
  if (json === null) return undefined;
  try {
    return parseCheckRecord(JSON.parse(json));
  } catch {
    return undefined;
  }
}
