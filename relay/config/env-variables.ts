import * as v from 'valibot';

/** One environment variable: its schema, and its default when unset (`undefined`: required; `''`: optional). */
export type Variable = readonly [v.GenericSchema<string, unknown>, string | undefined];
export type VariableTable = Readonly<Record<string, Variable>>;
export type ParsedVariables<Table extends VariableTable> = { [Name in keyof Table]: v.InferOutput<Table[Name][0]> | undefined };

/** Thrown at start-up with every bad setting named, so an operator fixes them in one go. */
export class SettingsError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`The server's settings are not valid:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'SettingsError';
    this.problems = problems;
  }
}

/** The names whose values never appear in an error: an error message may end up in a log. */
const secretName = /SECRET|PASSWORD|REDIS_URL/;

function describe(name: string, raw: string): string {
  if (secretName.test(name)) return '';
  return ` (got ${JSON.stringify(raw.length > 80 ? `${raw.slice(0, 80)}…` : raw)})`;
}

/** Reads each variable of the table; every problem goes to `problems`, each naming its variable. */
export function readVariables<Table extends VariableTable>(
  env: Readonly<Record<string, string | undefined>>,
  table: Table,
  problems: string[],
  /** What a required variable is, for its "is required" message. */
  hints: Readonly<Record<string, string>> = {},
): ParsedVariables<Table> {
  const parsed: Partial<Record<string, unknown>> = {};
  for (const [name, [schema, fallback]] of Object.entries(table)) {
    const given = env[name];
    const raw = given === undefined || given.trim() === '' ? fallback : given;
    if (raw === undefined) {
      problems.push(`${name} is required${hints[name] ? ` (${hints[name]})` : ''}`);
      continue;
    }
    if (raw === '') continue; // optional, unset
    const result = v.safeParse(schema, raw);
    if (result.success) parsed[name] = result.output;
    else problems.push(`${name} ${result.issues[0].message}${describe(name, raw)}`);
  }
  return parsed as ParsedVariables<Table>;
}

/** A value the table guarantees (required, or with a default) once no problem was found. */
export function need<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('A required setting was not parsed.'); // unreachable: required ones are checked
  return value;
}

export const text = v.pipe(v.string(), v.trim(), v.nonEmpty('must not be empty'));
const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const guid = v.pipe(text, v.regex(guidPattern, 'must be a GUID (8-4-4-4-12 hex digits)'), v.toLowerCase());
/** The URL, or undefined where WHATWG's parser refuses it (a check must never throw: the start-up names every problem). */
function parsed(value: string): URL | undefined {
  return URL.canParse(value) ? new URL(value) : undefined;
}
export const httpUrl = v.pipe(
  text,
  v.url('must be an absolute URL'),
  v.check((value) => /^https?:$/.test(parsed(value)?.protocol ?? ''), 'must be an http or https URL'),
);
function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}
/** An origin (scheme, host, port), https but for loopback: what the server forwards analysts' tokens to. */
// A plain host name or address: no wildcard or other character a Content-Security-Policy would read as more.
const plainHost = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$|^\[[0-9a-f:.]+\]$/i;
export const tokenSafeOrigin = v.pipe(
  httpUrl,
  v.check((value) => parsed(value)?.origin === value.replace(/\/$/, ''), 'must be an origin only (scheme://host[:port]), no path'),
  v.check((value) => plainHost.test(parsed(value)?.hostname ?? ''), 'must name a plain host (letters, digits, dots and hyphens; no wildcard)'),
  v.check((value) => parsed(value)?.protocol === 'https:' || isLoopbackHost(parsed(value)?.hostname ?? ''), 'must use https (plain http only for localhost)'),
  v.transform((value) => new URL(value).origin),
);
export const redisUrl = v.pipe(
  text,
  v.url('must be a URL like redis://host:6379 or rediss://host:6380'),
  v.check((value) => /^rediss?:$/.test(new URL(value).protocol), 'must start with redis:// or rediss://'),
);
export const integer = (min: number, max: number) =>
  v.pipe(text, v.toNumber('must be a number'), v.integer('must be a whole number'), v.minValue(min, `must be at least ${min}`), v.maxValue(max, `must be at most ${max}`));
export const share = v.pipe(text, v.toNumber('must be a number'), v.gtValue(0, 'must be above 0'), v.maxValue(1, 'must be at most 1 (the whole quota)'));
export const urlList = v.pipe(
  text,
  v.transform((value) => value.split(',').map((item) => item.trim()).filter((item) => item !== '')),
  v.array(v.pipe(v.string(), v.url('each must be an absolute URL'))),
);
