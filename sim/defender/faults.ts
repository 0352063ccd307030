import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { isJsonObject, type JsonObject, type JsonValue } from '../http/json.ts';
import { DefenderError, sendDefenderError, standardError } from './errors.ts';

/** One injected failure, applied to the next `remaining` matching /api requests before auth and rate limiting. */
export interface Fault {
  readonly id: string;
  readonly status: number | null;
  readonly retryAfter: string | null | undefined;
  readonly delayMs: number;
  readonly malformed: boolean;
  readonly hang: boolean;
  readonly match: string | null;
  remaining: number;
}

/** The body of POST /_sim/faults, as a test or benchmark writes it; `parseFault` checks it. */
export interface FaultRequest {
  readonly status?: number;
  readonly count?: number;
  /** null: no Retry-After at all; unset: what Defender would send. */
  readonly retryAfter?: string | null;
  readonly delayMs?: number;
  readonly malformed?: boolean;
  readonly hang?: boolean;
  /** Only requests whose path and query contain this. */
  readonly match?: string;
}

const FAULT_FIELDS = new Set(['status', 'count', 'retryAfter', 'delayMs', 'malformed', 'hang', 'match']);
const MAX_DELAY_MS = 600_000;
/** What a proxy that cut the connection mid-body leaves behind: 200, JSON content type, broken JSON. */
const MALFORMED_BODY =
  '{"@odata.context":"https://api.securitycenter.microsoft.com/api/$metadata#MachineActions","value":[{"id":"';

function invalid(message: string): DefenderError {
  return new DefenderError(400, 'InvalidRequestBody', message);
}

function optional<T>(
  body: JsonObject,
  key: string,
  check: (value: JsonValue) => value is T & JsonValue,
  what: string,
): T | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (!check(value)) throw invalid(`'${key}' must be ${what}.`);
  return value;
}

const isInteger = (value: JsonValue): value is number => typeof value === 'number' && Number.isInteger(value);
const isBoolean = (value: JsonValue): value is boolean => typeof value === 'boolean';
const isString = (value: JsonValue): value is string => typeof value === 'string';
const isStringOrNull = (value: JsonValue): value is string | null => value === null || typeof value === 'string';

export function parseFault(body: JsonValue | undefined): Fault {
  if (!isJsonObject(body)) throw invalid('Expected a JSON object.');
  const unknown = Object.keys(body).filter((key) => !FAULT_FIELDS.has(key));
  if (unknown.length > 0) throw invalid(`Unknown fault field(s): ${unknown.join(', ')}.`);
  const status = optional(body, 'status', isInteger, 'an integer HTTP status');
  const count = optional(body, 'count', isInteger, 'a positive integer') ?? 1;
  const delayMs = optional(body, 'delayMs', isInteger, 'an integer number of milliseconds') ?? 0;
  const malformed = optional(body, 'malformed', isBoolean, 'a boolean') ?? false;
  const hang = optional(body, 'hang', isBoolean, 'a boolean') ?? false;
  if (status !== undefined && (status < 400 || status > 599)) throw invalid("'status' must be from 400 to 599.");
  if (count < 1) throw invalid("'count' must be at least 1.");
  if (delayMs < 0 || delayMs > MAX_DELAY_MS) throw invalid(`'delayMs' must be from 0 to ${MAX_DELAY_MS}.`);
  if (status === undefined && !malformed && !hang && delayMs === 0) {
    throw invalid("A fault needs at least one of 'status', 'malformed', 'hang' or 'delayMs'.");
  }
  return {
    id: randomUUID(),
    status: status ?? null,
    retryAfter: optional(body, 'retryAfter', isStringOrNull, 'a header value string or null'),
    delayMs,
    malformed,
    hang,
    match: optional(body, 'match', isString, 'a string') ?? null,
    remaining: count,
  };
}

export function faultJson(fault: Fault): JsonObject {
  return {
    id: fault.id,
    status: fault.status,
    retryAfter: fault.retryAfter ?? null,
    delayMs: fault.delayMs,
    malformed: fault.malformed,
    hang: fault.hang,
    match: fault.match,
    remaining: fault.remaining,
  };
}

export interface FaultQueue {
  add(fault: Fault): void;
  /** The first fault matching the request, with one use consumed. */
  take(pathAndQuery: string): Fault | undefined;
  list(): readonly Fault[];
  clear(): void;
}

export function createFaultQueue(): FaultQueue {
  let faults: Fault[] = [];
  return {
    add(fault) {
      faults.push(fault);
    },
    take(pathAndQuery) {
      const fault = faults.find((candidate) => candidate.match === null || pathAndQuery.includes(candidate.match));
      if (fault === undefined) return undefined;
      fault.remaining -= 1;
      if (fault.remaining <= 0) faults = faults.filter((candidate) => candidate !== fault);
      return fault;
    },
    list: () => faults,
    clear() {
      faults = [];
    },
  };
}

function retryAfterHeader(fault: Fault, status: number): Record<string, string> {
  // Unset means "what Defender would send": a short Retry-After on throttling and unavailability.
  const value = fault.retryAfter === undefined ? (status === 429 || status === 503 ? '1' : null) : fault.retryAfter;
  return value === null ? {} : { 'Retry-After': value };
}

/** Plays the fault; returns false when only a delay was asked for and the request should go on normally. */
export async function playFault(fault: Fault, res: ServerResponse): Promise<boolean> {
  if (fault.delayMs > 0) await sleep(fault.delayMs, undefined, { ref: false });
  if (fault.hang) return true;
  if (res.destroyed) return true;
  if (fault.malformed) {
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
    res.end(MALFORMED_BODY);
    return true;
  }
  if (fault.status === null) return false;
  sendDefenderError(res, standardError(fault.status, retryAfterHeader(fault, fault.status)));
  return true;
}
