import { isGuid, type Guid } from '../lib/guid';

/**
 * The URL of one machine action. The ID is checked again here, at the last moment, so that nothing but a
 * GUID can ever reach the path, whatever a caller passes.
 */
export function machineActionUrl(apiBaseUrl: string, id: Guid): string {
  if (!isGuid(id)) throw new TypeError('A machine action ID must be a GUID.');
  return `${apiBaseUrl}/api/machineactions/${id.toLowerCase()}`;
}

const machineIdPattern = /^[0-9a-f]{40}$/i;

/**
 * A filter as the URL carries it: encodeURIComponent, with quotes as %27 because browsers send them so in a
 * query anyway; chunk-ids.ts sizes filters with this very encoding, so the length measured is the one sent.
 */
function encodeFilter(filter: string): string {
  return encodeURIComponent(filter).replace(/'/g, '%27');
}

export function listUrl(apiBaseUrl: string, filter: string, extra = ''): string {
  return `${apiBaseUrl}/api/machineactions?$filter=${encodeFilter(filter)}${extra}`;
}

/**
 * How a list call names its IDs: `in` (one short filter, but undocumented) or an `or` chain of `eq`
 * (XSOAR's shape, for an API that refuses `in`).
 */
export type IdFilterKind = 'in' | 'or';

/** The `$filter` naming these actions, before URL encoding. Every ID is checked to be a GUID. */
export function idFilter(kind: IdFilterKind, ids: readonly Guid[]): string {
  if (ids.length === 0 || !ids.every(isGuid)) throw new TypeError('Machine action IDs must be GUIDs.');
  const quoted = ids.map((id) => `'${id.toLowerCase()}'`);
  return kind === 'in' ? `id in (${quoted.join(',')})` : quoted.map((id) => `id eq ${id}`).join(' or ');
}

/** The filter's length in the URL, as listUrl encodes it: what chunk-ids.ts sizes and a 414 refused. */
export function encodedIdFilterLength(kind: IdFilterKind, ids: readonly Guid[]): number {
  return encodeFilter(idFilter(kind, ids)).length;
}

/** `$filter=id in ('…','…')` (or the `or` chain): many actions in one call. */
export function machineActionsByIdUrl(apiBaseUrl: string, ids: readonly Guid[], kind: IdFilterKind = 'in'): string {
  return listUrl(apiBaseUrl, idFilter(kind, ids));
}

const listPath = '/api/machineactions';
const pathOf = (url: URL) => url.pathname.replace(/\/+$/, '').toLowerCase();

/**
 * An `@odata.nextLink` worth following, or undefined. Only a link to this API's own list path, on its own
 * origin, carries the token: anything else (another host, a path elsewhere, a user name in the URL) could
 * hand the analyst's token to someone else.
 *
 * Behind the app's own origin (`apiBaseUrl` a path such as /defender-api), Defender names its own host in
 * the link, which the browser cannot call: the link's query is read on the same path of the app's origin,
 * whose server decides where it goes. The token never leaves the app's origin.
 */
export function ownListPageUrl(apiBaseUrl: string, link: string): string | undefined {
  const behindOwnOrigin = apiBaseUrl.startsWith('/');
  let base: URL;
  let url: URL;
  try {
    // A path base is resolved on a placeholder origin: only its path and the link's query are used.
    base = new URL(`${apiBaseUrl}${listPath}`, behindOwnOrigin ? 'https://app.invalid' : undefined);
    url = new URL(link, base);
  } catch {
    return undefined;
  }
  if (url.username !== '' || url.password !== '') return undefined;
  if (behindOwnOrigin) {
    const onOwnPath = url.origin === base.origin && pathOf(url) === pathOf(base);
    // Whatever host the link names (Defender's, or the simulator's behind `npm start`), it is not called.
    const asDefenderWroteIt = /^https?:$/.test(url.protocol) && pathOf(url) === listPath;
    return onOwnPath || asDefenderWroteIt ? `${apiBaseUrl}${listPath}${url.search}` : undefined;
  }
  if (url.origin !== base.origin || pathOf(url) !== pathOf(base)) return undefined;
  url.hash = '';
  return url.href;
}

/** A string literal in an OData filter: single quotes doubled, as OData escapes them. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * The actions one person requested since a time, newest first: the analyst's own recent actions. The
 * requestor is the signed-in account's name (a UPN); anything longer than a UPN can be is refused.
 */
export function actionsRequestedByUrl(apiBaseUrl: string, requestor: string, since: Date, top = 50): string {
  if (requestor.trim() === '' || requestor.length > 256 || /\p{Cc}/u.test(requestor)) throw new TypeError('A requestor must be an account name.');
  if (Number.isNaN(since.getTime())) throw new TypeError('The start of the period must be a date.');
  const filter = `requestor eq ${odataString(requestor)} and creationDateTimeUtc ge ${since.toISOString()}`;
  return listUrl(apiBaseUrl, filter, `&$orderby=creationDateTimeUtc%20desc&$top=${Math.max(1, Math.min(Math.floor(top), 200))}`);
}

/** The newest actions on one device. The machine id must be Defender's 40-hex device id. */
export function deviceActionsUrl(apiBaseUrl: string, machineId: string, top = 10): string {
  if (!machineIdPattern.test(machineId)) throw new TypeError('A machine id must be 40 hex digits.');
  return listUrl(apiBaseUrl, `machineId eq '${machineId.toLowerCase()}'`, `&$orderby=creationDateTimeUtc%20desc&$top=${Math.max(1, Math.min(Math.floor(top), 100))}`);
}
