import { isJsonObject, type JsonObject, type JsonValue } from '../http/json.ts';
import { DefenderError } from './errors.ts';
import type { FilterExpression } from './odata-filter.ts';

/**
 * Ways some tenants' APIs (or what stands in front of them) answer list calls, for tests to turn on. Unlike
 * a fault, a switch stays on until it is turned off or the simulator is reset.
 */
export interface Switches {
  /** A `$filter` with the undocumented `in` operator gets a 400, as from an API without it. */
  readonly refuseIn: boolean;
  /** A list call without `$top` gets at most this many actions, and an `@odata.nextLink` with `$skip` for the rest. */
  readonly pageSize: number | null;
  /** An /api request whose path and query are longer than this gets a 414 RequestUriTooLong. */
  readonly maxUrlLength: number | null;
  /**
   * CORS for the browser's direct calls. Off, as the real API most likely is (no CORS headers, preflights
   * refused): the app reaches it through its own origin. On for the tests of direct calls.
   */
  readonly cors: boolean;
}

/** The body of POST /_sim/switches: the switches to change; the others keep their state. */
export type SwitchesRequest = Partial<Switches>;

export const SWITCHES_OFF: Switches = { refuseIn: false, pageSize: null, maxUrlLength: null, cors: false };

const SWITCH_FIELDS = new Set(Object.keys(SWITCHES_OFF));

function invalid(message: string): DefenderError {
  return new DefenderError(400, 'InvalidRequestBody', message);
}

function countOrNull(body: JsonObject, key: 'pageSize' | 'maxUrlLength', current: number | null): number | null {
  const value = body[key];
  if (value === undefined) return current;
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw invalid(`'${key}' must be a positive integer, or null to turn it off.`);
  }
  return value;
}

function flag(body: JsonObject, key: 'refuseIn' | 'cors', current: boolean): boolean {
  const value = body[key];
  if (value === undefined) return current;
  if (typeof value !== 'boolean') throw invalid(`'${key}' must be a boolean.`);
  return value;
}

/** The switches after a POST /_sim/switches body. */
export function parseSwitches(body: JsonValue | undefined, current: Switches): Switches {
  if (!isJsonObject(body)) throw invalid('Expected a JSON object of switches.');
  const unknown = Object.keys(body).filter((key) => !SWITCH_FIELDS.has(key));
  if (unknown.length > 0) throw invalid(`Unknown switch(es): ${unknown.join(', ')}.`);
  return {
    refuseIn: flag(body, 'refuseIn', current.refuseIn),
    pageSize: countOrNull(body, 'pageSize', current.pageSize),
    maxUrlLength: countOrNull(body, 'maxUrlLength', current.maxUrlLength),
    cors: flag(body, 'cors', current.cors),
  };
}

export function switchesJson(switches: Switches): JsonObject {
  return { ...switches };
}

function usesIn(expression: FilterExpression): boolean {
  switch (expression.kind) {
    case 'in':
      return true;
    case 'not':
      return usesIn(expression.operand);
    case 'and':
    case 'or':
      return usesIn(expression.left) || usesIn(expression.right);
    case 'compare':
      return false;
  }
}

/** A 400 as Defender's OData would give for an operator it does not know, with its error body. */
export function requireNoIn(switches: Switches, filter: FilterExpression | undefined): void {
  if (!switches.refuseIn || filter === undefined || !usesIn(filter)) return;
  throw new DefenderError(
    400,
    'BadRequest',
    "Invalid filter clause: the query specified in the URI is not valid. The operator 'in' is not supported.",
  );
}

/** The 414 a front end gives for a request line longer than it takes; `target` is the path and query as sent. */
export function requireShortUrl(switches: Switches, target: string): void {
  if (switches.maxUrlLength === null || target.length <= switches.maxUrlLength) return;
  throw new DefenderError(
    414,
    'RequestUriTooLong',
    `The request URI is ${target.length} characters long; at most ${switches.maxUrlLength} are accepted.`,
  );
}

/**
 * The nextLink of a page: the same request with `$skip` moved on, its other options kept exactly as sent.
 * `origin` is the one the caller used, so that the link is on the API's own origin.
 */
export function nextLink(origin: string, path: string, search: string, skip: number): string {
  const kept = search
    .replace(/^\?/, '')
    .split('&')
    .filter((part) => part !== '' && !/^(\$|%24)skip=/i.test(part));
  return `${origin}${path}?${[...kept, `$skip=${skip}`].join('&')}`;
}

/** How many actions a list answer gives, and whether a nextLink follows: only without `$top`, as on Defender. */
export function pageOf<T>(
  switches: Switches,
  items: readonly T[],
  query: { readonly skip: number; readonly topGiven: boolean },
): { readonly items: readonly T[]; readonly nextSkip: number | null } {
  if (switches.pageSize === null || query.topGiven || items.length <= switches.pageSize) {
    return { items, nextSkip: null };
  }
  return { items: items.slice(0, switches.pageSize), nextSkip: query.skip + switches.pageSize };
}

/** The switches in force; POST /_sim/switches changes them, a reset turns them all off. */
export interface SwitchBoard {
  current(): Switches;
  set(switches: Switches): void;
}

export function createSwitchBoard(): SwitchBoard {
  let switches = SWITCHES_OFF;
  return {
    current: () => switches,
    set(next) {
      switches = next;
    },
  };
}
