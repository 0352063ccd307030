import { isGuid, type Guid } from '../lib/guid';

/**
 * The URL of one machine action. The ID is checked again here, at the last moment, so that nothing but a
 * GUID can ever reach the path, whatever a caller passes.
 */
export function machineActionUrl(apiBaseUrl: string, id: Guid): string {
  if (!isGuid(id)) throw new TypeError('A machine action ID must be a GUID.');
  return `${apiBaseUrl}/api/machineactions/${id.toLowerCase()}`;
}
