import * as v from 'valibot';
import { isGuid, type Guid } from '../../../core/lib/guid';
import { actionTenantsStorageKey } from './action-tenants-key';

/**
 * Which tenant each action belongs to, as found (a lookup across the analyst's tenants) or as a link said
 * (`/t/<tenant>/actions/<id>`, a board link): kept in localStorage so that every tab, and tomorrow's visit,
 * asks each action in its own tenant only. IDs and tenant IDs only, as the watch list keeps. A link's word
 * is a hint (stored as `?<tenant>`): it never replaces a tenant found, and is dropped when its tenant does
 * not have the action, so a crafted link cannot hide an action behind the wrong tenant.
 */
export { actionTenantsStorageKey };

/** More than any board holds, with room for the action pages opened besides; the oldest go first. */
const maxRemembered = 2_000;

const storedSchema = v.record(v.string(), v.pipe(v.string(), v.maxLength(256)));

const listeners = new Set<() => void>();
/** What is stored: each action's tenant, `?`-prefixed when only a link said so. */
let read: { text: string | null; stored: ReadonlyMap<Guid, string>; tenants: ReadonlyMap<Guid, string> } | undefined;
const hintMark = '?';

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined; // site data blocked: this page remembers nothing, and looks each ID up again
  }
}

function parse(text: string | null): ReadonlyMap<Guid, string> {
  if (text === null) return new Map();
  try {
    const parsed = v.safeParse(storedSchema, JSON.parse(text));
    if (!parsed.success) return new Map();
    return new Map(Object.entries(parsed.output).filter((entry): entry is [Guid, string] => isGuid(entry[0])));
  } catch {
    return new Map(); // unreadable: each action is looked up again, which costs a call per tenant
  }
}

function withoutMarks(stored: ReadonlyMap<Guid, string>): ReadonlyMap<Guid, string> {
  return new Map([...stored].map(([id, tenant]) => [id, tenant.replace(hintMark, '')]));
}

function readStored(): NonNullable<typeof read> {
  const text = storage()?.getItem(actionTenantsStorageKey) ?? null;
  if (read === undefined || read.text !== text) {
    const stored = parse(text);
    read = { text, stored, tenants: withoutMarks(stored) };
  }
  return read;
}

/**
 * Every action's tenant this browser knows, found or hinted by a link. The same map while the stored text is
 * the same (useSyncExternalStore).
 */
export function readActionTenants(): ReadonlyMap<Guid, string> {
  return readStored().tenants;
}

/** Whether the action's tenant is only a link's word, not yet found there. */
export function isHinted(id: Guid): boolean {
  return readStored().stored.get(id)?.startsWith(hintMark) ?? false;
}

export function subscribeActionTenants(onChange: () => void): () => void {
  const onStorage = (event: StorageEvent) => {
    if (event.key === actionTenantsStorageKey || event.key === null) onChange();
  };
  listeners.add(onChange);
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener('storage', onStorage);
  };
}

/** Remembers where these actions were found (a tenant returned them): what any link said gives way. */
export function rememberTenants(found: Iterable<[Guid, string]>): void {
  const { stored } = readStored();
  write([...found].filter(([id, tenant]) => stored.get(id) !== tenant));
}

/** A link's word on where these actions are: taken only for an action whose tenant is not known yet. */
export function hintTenants(hinted: Iterable<[Guid, string]>): void {
  const { stored } = readStored();
  write([...hinted].filter(([id]) => !stored.has(id)).map(([id, tenant]) => [id, `${hintMark}${tenant}`]));
}

/** The hinted tenant does not have the action: it is looked up in every tenant again. */
export function forgetHint(id: Guid): void {
  if (isHinted(id)) write([], id);
}

function write(changes: [Guid, string][], without?: Guid): void {
  if (changes.length === 0 && without === undefined) return;
  const next = new Map(readStored().stored);
  if (without !== undefined) next.delete(without);
  for (const [id, tenant] of changes) {
    next.delete(id); // the newest last: the oldest are forgotten first
    next.set(id, tenant);
  }
  const kept = new Map([...next].slice(-maxRemembered));
  const store = storage();
  try {
    store?.setItem(actionTenantsStorageKey, JSON.stringify(Object.fromEntries(kept)));
    read = undefined;
  } catch {
    // Storage full or blocked: this page remembers (the map read stands while the stored text is unchanged).
    read = { text: store?.getItem(actionTenantsStorageKey) ?? null, stored: kept, tenants: withoutMarks(kept) };
  }
  if (!store) read = { text: null, stored: kept, tenants: withoutMarks(kept) };
  listeners.forEach((listener) => listener());
}
