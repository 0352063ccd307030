import { firstListShape, parseListShape, shapeAfterRefusal, shapeAfterSuccess, type ListRefusal, type ListShape } from './list-shape';
import type { IdFilterKind } from '../api/defender-urls';

/** The list shape this tenant accepts, learnt as Defender answers and kept for the session. */
export interface ListShapeMemory {
  current(): ListShape;
  /** A list call was refused for its shape: returns the shape to use from now on. */
  refused(refusal: ListRefusal): ListShape;
  succeeded(kind: IdFilterKind): void;
}

const storageKey = 'machine-action-watch:list-shape';

type ShapeStorage = Pick<Storage, 'getItem' | 'setItem'>;

function read(storage: ShapeStorage | undefined): ListShape {
  try {
    return parseListShape(JSON.parse(storage?.getItem(storageKey) ?? 'null')) ?? firstListShape;
  } catch {
    return firstListShape; // unreadable or blocked storage: start over, which costs one refused call
  }
}

/**
 * Kept in sessionStorage, so a reload does not pay for the refusals again while a new session (another
 * tenant, perhaps, or an API that learnt `in`) starts from `in`. A tab that takes over polling learns afresh.
 */
export function listShapeMemory(storage: ShapeStorage | undefined): ListShapeMemory {
  let shape = read(storage);
  const keep = (next: ListShape) => {
    if (next === shape) return;
    shape = next;
    try {
      storage?.setItem(storageKey, JSON.stringify(shape));
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

/** The memory in this tab's sessionStorage, or in this page only where there is none. */
export function sessionListShapeMemory(): ListShapeMemory {
  let storage: ShapeStorage | undefined;
  try {
    storage = globalThis.sessionStorage;
  } catch {
    storage = undefined; // reading sessionStorage throws where site data is blocked
  }
  return listShapeMemory(storage);
}
