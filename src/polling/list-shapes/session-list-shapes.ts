import { listShapeMemory, type ListShapeMemory, type ShapeStorage } from '../../../core/polling/list-shapes/list-shape-memory';

/** One tenant's list shape memory in this tab's sessionStorage, or in this page only where there is none. */
export function sessionListShapeMemory(tenant: string): ListShapeMemory {
  let storage: ShapeStorage | undefined;
  try {
    storage = globalThis.sessionStorage;
  } catch {
    storage = undefined; // reading sessionStorage throws where site data is blocked
  }
  return listShapeMemory(storage, tenant);
}
