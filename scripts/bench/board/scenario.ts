// The board benchmark's actions: a big ticket's worth (1,000, twice what a board watches) that stay Pending
// for the whole run, as on offline devices, so every check in the measured window has a full board to read.
import type { SimulatorClient } from '../../../sim/testing/simulator-client.ts';

export const pastedCount = 1_000;
/** Creations in flight at once: the simulator answers each in a few ms, so one by one would take seconds. */
const batchSize = 50;

/** Creates `count` actions that never leave Pending and returns their IDs, in creation order. */
export async function createPendingActions(simulator: SimulatorClient, count = pastedCount): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < count; start += batchSize) {
    const batch = Array.from({ length: Math.min(batchSize, count - start) }, () =>
      simulator.createAction({ type: 'Isolate', requestorComment: 'Benchmark: a big ticket', timeline: [{ status: 'Pending', afterMs: 0 }] }),
    );
    ids.push(...(await Promise.all(batch)).map((action) => action.id));
  }
  return ids;
}
