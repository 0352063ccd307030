import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Guid } from '../../lib/guid';
import { chunkIds } from './chunk-ids';
import { maxIdsPerOrChain } from './list-shape';

// As a browser sends a query: quotes percent-encoded too.
const sent = (filter: string) => encodeURIComponent(filter).replace(/'/g, '%27');
const filterOf = (ids: Guid[]) => sent(`id in (${ids.map((id) => `'${id}'`).join(',')})`);
const orFilterOf = (ids: Guid[]) => sent(ids.map((id) => `id eq '${id}'`).join(' or '));
const inLimits = (maxFilterLength: number) => ({ kind: 'in' as const, maxFilterLength, maxIds: Number.POSITIVE_INFINITY });
const fifty = Array.from({ length: 50 }, (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}` as Guid);

describe('chunkIds', () => {
  it('keeps every ID once, in order, in filters no longer than the limit', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.uuid(), { maxLength: 200 }), fc.integer({ min: 100, max: 4_000 }), (uuids, limit) => {
        const ids = uuids as Guid[];
        const chunks = chunkIds(ids, inLimits(limit));
        expect(chunks.flat()).toEqual(ids);
        for (const chunk of chunks) {
          expect(chunk.length).toBeGreaterThan(0);
          expect(filterOf(chunk).length).toBeLessThanOrEqual(limit);
        }
      }),
    );
  });

  it('puts 39 IDs in one call at the default limit: 45 characters each, quotes sent as %27', () => {
    expect(chunkIds(fifty).map((chunk) => chunk.length)).toEqual([39, 11]);
  });

  it('measures an `or` chain by its own, longer encoding, and caps it at the IDs an OData parser takes', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.uuid(), { maxLength: 100 }), fc.integer({ min: 100, max: 4_000 }), (uuids, limit) => {
        const ids = uuids as Guid[];
        const chunks = chunkIds(ids, { kind: 'or', maxFilterLength: limit, maxIds: maxIdsPerOrChain });
        expect(chunks.flat()).toEqual(ids);
        for (const chunk of chunks) {
          expect(chunk.length).toBeLessThanOrEqual(maxIdsPerOrChain);
          if (chunk.length > 1) expect(orFilterOf(chunk).length).toBeLessThanOrEqual(limit);
        }
      }),
    );
    expect(chunkIds(fifty, { kind: 'or', maxFilterLength: 1_800, maxIds: maxIdsPerOrChain }).map((chunk) => chunk.length)).toEqual([20, 20, 10]);
    expect(chunkIds(fifty, { kind: 'or', maxFilterLength: 600, maxIds: maxIdsPerOrChain }).map((chunk) => chunk.length)).toEqual([10, 10, 10, 10, 10]);
  });

  it('still sends one ID a call when the limit is below a single ID', () => {
    expect(chunkIds(fifty.slice(0, 3), inLimits(10))).toEqual([[fifty[0]], [fifty[1]], [fifty[2]]]);
  });

  it('gives nothing for nothing', () => {
    expect(chunkIds([])).toEqual([]);
  });
});
