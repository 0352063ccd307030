import { isIP } from 'node:net';

/**
 * Which proxies' X-Forwarded-For the server believes (Fastify's `trustProxy`): none by default, so a client
 * that reaches the server directly cannot choose the address it is logged and rate-limited under.
 * `TRUST_PROXY` is `false`, a number of hops (the load balancer in front: 1), or addresses and CIDR ranges.
 */
export type TrustProxy = false | number | string[];

function isAddressOrRange(value: string): boolean {
  const [address, bits, ...rest] = value.split('/');
  if (rest.length > 0 || isIP(address) === 0) return false;
  if (bits === undefined) return true;
  const max = isIP(address) === 4 ? 32 : 128;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= max;
}

export function parseTrustProxy(raw: string, problems: string[]): TrustProxy {
  const value = raw.trim().toLowerCase();
  if (value === 'false' || value === 'off' || value === '0') return false;
  if (value === 'true') {
    problems.push('TRUST_PROXY=true would believe any client\'s X-Forwarded-For: give the number of proxies in front (1 for one load balancer) or their addresses');
    return false;
  }
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  const bad = entries.filter((entry) => !isAddressOrRange(entry));
  if (entries.length === 0 || bad.length > 0) {
    problems.push(`TRUST_PROXY must be false, a number of proxies, or IP addresses and CIDR ranges (got ${JSON.stringify(raw.slice(0, 80))})`);
    return false;
  }
  return entries;
}
