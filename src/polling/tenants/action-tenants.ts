import * as v from 'valibot';
import { isGuid, type Guid } from '../../../core/lib/guid';
import { actionTenantsStorageKey } from './action-tenants-key';

/**
 * Which tenant each action belongs to, as found (a lookup across the analyst's tenants) or as a link said
 * (`/t/<tenant>/actions/<id>`): kept in localStorage so that every tab, and tomorrow's visit, asks each
 * action in its own tenant only. IDs and tenant IDs only, as the watch list keeps.
 */
export { actionTenantsStorageKey };

/** More than any board holds, with room for the action pages opened besides; the oldest go first. */
const maxRemembered = 2_000;

const storedSchema = v.record(v.string(), v.pipe(v.string(), v.maxLength(256)));

const listeners = new Set<() => void>();
let read: { text: string | null; tenants: ReadonlyMap<Guid, string> } | undefined;

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

/** Every action's tenant this browser knows. The same map while the stored text is the same (useSyncExternalStore). */
export function readActionTenants(): ReadonlyMap<Guid, string> {
  const text = storage()?.getItem(actionTenantsStorageKey) ?? null;
  if (read === undefined || read.text !== text) read = { text, tenants: parse(text) };
  return read.tenants;
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

/** Remembers where these actions are; an action already known there is left as it is. */
export function rememberTenants(found: Iterable<[Guid, string]>): void {
  const known = readActionTenants();
  const changes = [...found].filter(([id, tenant]) => known.get(id) !== tenant);
  if (changes.length === 0) return;
  const next = new Map(known);
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
    read = { text: store?.getItem(actionTenantsStorageKey) ?? null, tenants: kept };
  }
  if (!store) read = { text: null, tenants: kept };
  listeners.forEach((listener) => listener());
}
