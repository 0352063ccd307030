/**
 * The value below which `level` (0 to 1) of the sorted sample lies, interpolated between the two nearest
 * values (the usual "type 7" definition, as spreadsheets and NumPy compute it), so that a small sample
 * still gives steps between its values rather than jumps from one to the next.
 */
export function quantile(sortedAscending: readonly number[], level: number): number {
  const count = sortedAscending.length;
  if (count === 0) throw new RangeError('A quantile needs at least one value.');
  const position = Math.min(Math.max(level, 0), 1) * (count - 1);
  const below = Math.floor(position);
  const above = Math.min(below + 1, count - 1);
  const low = sortedAscending[below] ?? 0;
  const high = sortedAscending[above] ?? low;
  return low + (high - low) * (position - below);
}
