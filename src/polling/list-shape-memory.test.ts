import { afterEach, describe, expect, it } from 'vitest';
import { listShapeMemory, sessionListShapeMemory } from './list-shape-memory';
import { firstListShape } from './list-shape';

afterEach(() => sessionStorage.clear());

describe('listShapeMemory', () => {
  it('starts from `in`, learns from refusals and answers, and a reload of the tab remembers it', () => {
    const memory = sessionListShapeMemory();
    expect(memory.current()).toEqual(firstListShape);
    expect(memory.refused({ status: 400, shape: firstListShape, filterLength: 500 })).toEqual({ kind: 'or', maxFilterLength: 1_800, accepted: false });
    memory.succeeded('or');
    expect(sessionListShapeMemory().current()).toEqual({ kind: 'or', maxFilterLength: 1_800, accepted: true });
  });

  it('starts over from `in` when what is stored is not a shape', () => {
    sessionStorage.setItem('machine-action-watch:list-shape', '{"kind":"telnet"');
    expect(sessionListShapeMemory().current()).toEqual(firstListShape);
  });

  it('lasts as long as the page where storage refuses to keep it', () => {
    const refusing = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    };
    const memory = listShapeMemory(refusing);
    memory.refused({ status: 400, shape: firstListShape, filterLength: 500 });
    expect(memory.current().kind).toBe('or');
    expect(listShapeMemory(undefined).current()).toEqual(firstListShape);
  });
});
