import { useState } from 'react';
import type { Guid } from '../../../core/lib/guid';

function sameIds(one: readonly Guid[], other: readonly Guid[]): boolean {
  return one.length === other.length && one.every((id, index) => id === other[index]);
}

/**
 * The same array for as long as it holds the same IDs in the same order, so an effect that depends on it
 * runs when the IDs change, not whenever a caller builds a new array (`[id]` on every render).
 */
export function useSameIds(ids: readonly Guid[]): readonly Guid[] {
  const [kept, setKept] = useState(ids);
  // Set during render, as React advises for state taken from props: the render that sees new IDs uses them.
  if (kept !== ids && !sameIds(kept, ids)) {
    setKept(ids);
    return ids;
  }
  return kept;
}
