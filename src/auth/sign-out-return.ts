// Signing out leaves for the identity provider and comes back to the start page with its `state` (and, from
// some providers, more) in the query. The tab notes that it is signing out (sessionStorage outlives the
// round trip, in this tab only), so that the page it comes back to can say so, and drop the parameters.
const signingOutStorageKey = 'machine-action-watch:signing-out';

export interface SignOutReturn {
  /** The lists were forgotten on the way out, as the analyst chose for a shared workstation. */
  listsForgotten: boolean;
}

export function noteSigningOut(storage: Pick<Storage, 'setItem'>, signOut: SignOutReturn): void {
  try {
    storage.setItem(signingOutStorageKey, JSON.stringify(signOut));
  } catch {
    // storage disabled: the analyst comes back to the start page without the notice
  }
}

/** The sign-out this page load is the return from, if it is one. */
export function readSignOutReturn(storage: Pick<Storage, 'getItem'>): SignOutReturn | undefined {
  let stored: string | null;
  try {
    stored = storage.getItem(signingOutStorageKey);
  } catch {
    return undefined;
  }
  if (stored === null) return undefined;
  return { listsForgotten: parseListsForgotten(stored) };
}

function parseListsForgotten(stored: string): boolean {
  try {
    const parsed: unknown = JSON.parse(stored);
    return typeof parsed === 'object' && parsed !== null && (parsed as { listsForgotten?: unknown }).listsForgotten === true;
  } catch {
    return false;
  }
}

/** Once the return is shown: a reload of the page says nothing more. */
export function clearSignOutReturn(storage: Pick<Storage, 'removeItem'>): void {
  try {
    storage.removeItem(signingOutStorageKey);
  } catch {
    // storage disabled: nothing was noted either
  }
}

// What an OpenID provider may add to the return address (RFC 6749, OpenID front-channel logout, Entra).
const protocolParameters = ['state', 'code', 'session_state', 'client_info', 'error', 'error_description', 'error_uri', 'iss', 'sid'];

/** The query without what the identity provider added: `?` alone when nothing else is left, as `''`. */
export function withoutProtocolParameters(search: string): string {
  const query = new URLSearchParams(search);
  for (const name of protocolParameters) query.delete(name);
  const rest = query.toString();
  return rest === '' ? '' : `?${rest}`;
}
