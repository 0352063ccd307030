import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Guid } from '../lib/guid';
import { chunkIds } from './chunk-ids';

const filterOf = (ids: Guid[]) => encodeURIComponent(`id in (${ids.map((id) => `'${id}'`).join(',')})`);

describe('chunkIds', () => {
  it('keeps every ID once, in order, in filters no longer than the limit', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.uuid(), { maxLength: 200 }), fc.integer({ min: 100, max: 4_000 }), (uuids, limit) => {
        const ids = uuids as Guid[];
        const chunks = chunkIds(ids, limit);
        expect(chunks.flat()).toEqual(ids);
        for (const chunk of chunks) {
          expect(chunk.length).toBeGreaterThan(0);
          expect(filterOf(chunk).length).toBeLessThanOrEqual(limit);
        }
      }),
    );
  });

  it('puts 43 IDs in one call at the default limit', () => {
    const ids = Array.from({ length: 50 }, (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}` as Guid);
    expect(chunkIds(ids).map((chunk) => chunk.length)).toEqual([43, 7]);
  });

  it('gives nothing for nothing', () => {
    expect(chunkIds([])).toEqual([]);
  });
});
