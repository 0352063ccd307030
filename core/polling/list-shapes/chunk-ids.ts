import { encodedIdFilterLength } from '../../defender/defender-urls';
import type { Guid } from '../../lib/guid';
import { defaultMaxFilterLength, type ChunkLimits } from './list-shape';

const inLimits: ChunkLimits = { kind: 'in', maxFilterLength: defaultMaxFilterLength, maxIds: Number.POSITIVE_INFINITY };

/**
 * Splits IDs for list calls so that no URL grows past `maxFilterLength` characters of encoded filter
 * (proxies and servers refuse long URLs, and Defender's limit is not documented) and no chunk holds more
 * than `maxIds`. Sized with the very encoding the URL gets: every GUID costs the same, so two lengths tell all.
 */
export function chunkIds(ids: readonly Guid[], limits: ChunkLimits = inLimits): Guid[][] {
  if (ids.length === 0) return [];
  const one = encodedIdFilterLength(limits.kind, ids.slice(0, 1));
  const perId = encodedIdFilterLength(limits.kind, [ids[0], ids[0]]) - one;
  const size = Math.max(1, Math.min(limits.maxIds, 1 + Math.floor((limits.maxFilterLength - one) / perId)));
  const chunks: Guid[][] = [];
  for (let start = 0; start < ids.length; start += size) chunks.push(ids.slice(start, start + size));
  return chunks;
}
