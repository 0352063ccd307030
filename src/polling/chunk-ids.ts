import type { Guid } from '../lib/guid';

/**
 * Splits IDs for `$filter=id in ('…','…')` list calls so that no URL grows past `maxFilterLength`
 * characters of encoded filter: proxies and servers refuse long URLs, and Defender's limit is not
 * documented. Each GUID costs 41 characters encoded ('…' plus a comma, which encodes as %2C).
 */
export function chunkIds(ids: readonly Guid[], maxFilterLength = 1_800): Guid[][] {
  const perId = encodeURIComponent(`'${'0'.repeat(36)}',`).length;
  const overhead = encodeURIComponent('id in ()').length;
  const size = Math.max(1, Math.floor((maxFilterLength - overhead) / perId));
  const chunks: Guid[][] = [];
  for (let start = 0; start < ids.length; start += size) chunks.push(ids.slice(start, start + size));
  return chunks;
}
