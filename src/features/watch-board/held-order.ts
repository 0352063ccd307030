import type { Guid } from '../../../core/lib/guid';

/**
 * The rows in the order last shown, while the analyst's pointer or focus is on the board: a row that
 * finishes must not move from under a click. Rows added meanwhile go at the end; rows removed go.
 */
export function heldOrder<Row extends { id: Guid }>(shown: readonly Guid[], rows: readonly Row[]): Row[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  const kept = shown.flatMap((id) => byId.get(id) ?? []);
  const wasShown = new Set(shown);
  return [...kept, ...rows.filter((row) => !wasShown.has(row.id))];
}
