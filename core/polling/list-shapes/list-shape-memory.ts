import { firstListShape, parseListShape, shapeAfterRefusal, shapeAfterSuccess, type ListRefusal, type ListShape } from './list-shape';
import type { IdFilterKind } from '../../defender/defender-urls';

/** The list shape this tenant accepts, learnt as Defender answers and kept for the session. */
export interface ListShapeMemory {
  current(): ListShape;
  /** A list call was refused for its shape: returns the shape to use from now on. */
  refused(refusal: ListRefusal): ListShape;
  succeeded(kind: IdFilterKind): void;
}

const storageKey = 'machine-action-watch:list-shape';

/** Where the shape is kept: the browser's sessionStorage, or nothing (the memory lasts as long as its owner). */
export interface ShapeStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function read(storage: ShapeStorage | undefined, key: string): ListShape {
  try {
    return parseListShape(JSON.parse(storage?.getItem(key) ?? 'null')) ?? firstListShape;
  } catch {
    return firstListShape; // unreadable or blocked storage: start over, which costs one refused call
  }
}

/**
 * In the browser it is kept in sessionStorage (src/polling/list-shapes/session-list-shapes.ts), so a reload does not pay
 * for the refusals again while a new session (another tenant, perhaps, or an API that learnt `in`) starts
 * from `in`. A tab that takes over polling learns afresh.
 */
export function listShapeMemory(storage: ShapeStorage | undefined, tenant?: string): ListShapeMemory {
  // Each tenant's API answers for itself: one that refuses `in` says nothing of another.
  const key = tenant === undefined ? storageKey : `${storageKey}:${tenant}`;
  let shape = read(storage, key);
  const keep = (next: ListShape) => {
    if (next === shape) return;
    shape = next;
    try {
      storage?.setItem(key, JSON.stringify(shape));
    } catch {
      // storage full or blocked: the memory still lasts as long as this page
    }
  };
  return {
    current: () => shape,
    refused(refusal) {
      keep(shapeAfterRefusal(shape, refusal));
      return shape;
    },
    succeeded(kind) {
      keep(shapeAfterSuccess(shape, kind));
    },
  };
}
