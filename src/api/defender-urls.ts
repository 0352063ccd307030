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

function listUrl(apiBaseUrl: string, filter: string, extra = ''): string {
  // encodeURIComponent, not URLSearchParams: chunk-ids.ts sizes filters with this very encoding.
  return `${apiBaseUrl}/api/machineactions?$filter=${encodeURIComponent(filter)}${extra}`;
}

/** `$filter=id in ('…','…')`: many actions in one call. Every ID is checked to be a GUID. */
export function machineActionsByIdUrl(apiBaseUrl: string, ids: readonly Guid[]): string {
  if (ids.length === 0 || !ids.every(isGuid)) throw new TypeError('Machine action IDs must be GUIDs.');
  return listUrl(apiBaseUrl, `id in (${ids.map((id) => `'${id.toLowerCase()}'`).join(',')})`);
}

/** The newest actions on one device. The machine id must be Defender's 40-hex device id. */
export function deviceActionsUrl(apiBaseUrl: string, machineId: string, top = 10): string {
  if (!machineIdPattern.test(machineId)) throw new TypeError('A machine id must be 40 hex digits.');
  return listUrl(apiBaseUrl, `machineId eq '${machineId.toLowerCase()}'`, `&$orderby=creationDateTimeUtc%20desc&$top=${Math.max(1, Math.min(Math.floor(top), 100))}`);
}
