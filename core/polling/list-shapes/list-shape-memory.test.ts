import { describe, expect, it } from 'vitest';
import { listShapeMemory, type ShapeStorage } from './list-shape-memory';
import { firstListShape } from './list-shape';

function mapStorage(): ShapeStorage {
  const values = new Map<string, string>();
  return { getItem: (key) => values.get(key) ?? null, setItem: (key, value) => void values.set(key, value) };
}

describe('listShapeMemory', () => {
  it('starts from `in`, learns from refusals and answers, and a new memory on the same storage remembers it', () => {
    const storage = mapStorage();
    const memory = listShapeMemory(storage);
    expect(memory.current()).toEqual(firstListShape);
    expect(memory.refused({ status: 400, shape: firstListShape, filterLength: 500 })).toEqual({ kind: 'or', maxFilterLength: 1_800, accepted: false });
    memory.succeeded('or');
    expect(listShapeMemory(storage).current()).toEqual({ kind: 'or', maxFilterLength: 1_800, accepted: true });
  });

  it('starts over from `in` when what is stored is not a shape', () => {
    const storage = mapStorage();
    storage.setItem('machine-action-watch:list-shape', '{"kind":"telnet"');
    expect(listShapeMemory(storage).current()).toEqual(firstListShape);
  });

  it('lasts as long as its owner where storage refuses to keep it, or there is none', () => {
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
