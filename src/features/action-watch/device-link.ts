import { portalHosts } from '../../../core/defender/clouds';

const machineIdPattern = /^[0-9a-f]{40}$/i;

/**
 * The device's page in the cloud's Defender portal, or undefined when the machine id is not a 40-hex id or
 * the portal is not an https host of the cloud table: a hostile value never becomes a link. A customer's
 * device opens with its tenant selected (`?tid=`): a guest's portal otherwise shows the home tenant.
 */
export function devicePageUrl(portalUrl: string, machineId: string | null, customerTenant?: string): string | undefined {
  if (!machineId || !machineIdPattern.test(machineId)) return undefined;
  let portal: URL;
  try {
    portal = new URL(portalUrl);
  } catch {
    return undefined;
  }
  if (portal.protocol !== 'https:' || !portalHosts.has(portal.host)) return undefined;
  const page = `${portal.origin}/machines/${machineId.toLowerCase()}`;
  return customerTenant ? `${page}?tid=${encodeURIComponent(customerTenant)}` : page;
}
