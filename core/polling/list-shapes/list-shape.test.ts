import { describe, expect, it } from 'vitest';
import type { DefenderProblem } from '../../defender/defender-problem';
import { encodedIdFilterLength } from '../../defender/defender-urls';
import type { Guid } from '../../lib/guid';
import { chunkLimits, firstListShape, maxIdsPerOrChain, parseListShape, refusalStatus, shapeAfterRefusal, shapeAfterSuccess, type ListRefusal, type ListShape } from './list-shape';

const inShape = (maxFilterLength = 1_800, accepted = true): ListShape => ({ kind: 'in', maxFilterLength, accepted });
const orShape = (maxFilterLength = 1_800, accepted = true): ListShape => ({ kind: 'or', maxFilterLength, accepted });
const single: ListShape = { kind: 'single', maxFilterLength: 0, accepted: true };
const refused = (status: 400 | 414, shape: ListShape, filterLength = 1_760): ListRefusal => ({ status, shape, filterLength });
const ids = (count: number) => Array.from({ length: count }, (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}` as Guid);

describe('shapeAfterRefusal: the next list shape after Defender refused one', () => {
  it.each<[string, ListShape, ListRefusal, ListShape]>([
    ['400 to `in` (an API without `in`): an `or` chain, to be probed', inShape(), refused(400, inShape()), orShape(1_800, false)],
    ['400 to `in` never accepted: the same', inShape(1_800, false), refused(400, inShape(1_800, false)), orShape(1_800, false)],
    ['400 to `or`: single reads', orShape(), refused(400, orShape()), single],
    ['414 to `in`: `in` again, at half the refused length', inShape(), refused(414, inShape(), 1_760), inShape(880, false)],
    ['414 to a short `in` chunk: half of what was refused, not of the limit', inShape(), refused(414, inShape(), 460), inShape(230, false)],
    ['414 to `or`: `or` again, at half the refused length', orShape(), refused(414, orShape(), 1_112), orShape(556, false)],
    ['414 when half would not hold two IDs: single reads', inShape(), refused(414, inShape(), encodedIdFilterLength('in', ids(3))), single],
    ['414 to a two-ID `or` chain: single reads', orShape(), refused(414, orShape(), encodedIdFilterLength('or', ids(2))), single],
    ['a late 400 to `in` once `or` is in use: no change', orShape(), refused(400, inShape()), orShape()],
    ['a late 414 to `in` once `or` is in use: no change', orShape(), refused(414, inShape(), 300), orShape()],
    ['a 414 to a longer chunk than the limit now allows: the limit stays', inShape(600), refused(414, inShape(), 1_760), inShape(600, false)],
    ['single reads stay single reads', single, refused(400, inShape()), single],
  ])('%s', (_, current, refusal, expected) => {
    expect(shapeAfterRefusal(current, refusal)).toEqual(expected);
  });

  it('always ends at single reads, whatever Defender refuses', () => {
    let shape = firstListShape;
    for (let refusal = 0; refusal < 20 && shape.kind !== 'single'; refusal += 1) {
      const limits = chunkLimits(shape);
      if (!limits) break;
      shape = shapeAfterRefusal(shape, refused(414, shape, limits.maxFilterLength));
    }
    expect(shape).toEqual(single);
  });
});

describe('shapeAfterSuccess', () => {
  it.each<[string, ListShape, 'in' | 'or', ListShape]>([
    ['an answer accepts the shape it was sent in', orShape(900, false), 'or', orShape(900, true)],
    ['an answer to a shape left behind accepts nothing', orShape(900, false), 'in', orShape(900, false)],
    ['an accepted shape stays as it is', inShape(), 'in', inShape()],
  ])('%s', (_, current, kind, expected) => {
    expect(shapeAfterSuccess(current, kind)).toEqual(expected);
  });
});

describe('refusalStatus: which failures refuse the shape rather than the actions', () => {
  it.each<[DefenderProblem, 400 | 414 | undefined]>([
    [{ kind: 'bad-request', status: 400, code: 'BadRequest' }, 400],
    [{ kind: 'bad-request', status: 414 }, 414],
    [{ kind: 'bad-request', status: 405 }, undefined],
    [{ kind: 'not-found' }, undefined],
    [{ kind: 'forbidden' }, undefined],
    [{ kind: 'throttled', retryAfterMs: 1_000 }, undefined],
    [{ kind: 'server', status: 500 }, undefined],
  ])('%o → %s', (problem, expected) => {
    expect(refusalStatus(problem)).toBe(expected);
  });
});

describe('chunkLimits', () => {
  it.each<[ListShape, ReturnType<typeof chunkLimits>]>([
    [inShape(), { kind: 'in', maxFilterLength: 1_800, maxIds: Number.POSITIVE_INFINITY }],
    [orShape(700), { kind: 'or', maxFilterLength: 700, maxIds: maxIdsPerOrChain }],
    [single, undefined],
  ])('%o', (shape, expected) => {
    expect(chunkLimits(shape)).toEqual(expected);
  });
});

describe('parseListShape: what sessionStorage gives back', () => {
  it.each<[unknown, ListShape | undefined]>([
    [inShape(880, false), inShape(880, false)],
    [orShape(), orShape()],
    [{ kind: 'single', maxFilterLength: 5, accepted: false }, single],
    [{ kind: 'in', maxFilterLength: 99_999, accepted: true }, undefined],
    [{ kind: 'in', maxFilterLength: -1, accepted: true }, undefined],
    [{ kind: 'in', maxFilterLength: 1.5, accepted: true }, undefined],
    [{ kind: 'eq', maxFilterLength: 100, accepted: true }, undefined],
    [{ kind: 'in', maxFilterLength: 100 }, undefined],
    [null, undefined],
    ['in', undefined],
  ])('%o → %o', (stored, expected) => {
    expect(parseListShape(stored)).toEqual(expected);
  });
});
