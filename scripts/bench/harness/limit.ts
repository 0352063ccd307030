// The limit a benchmark's finishes are held against: what checking every running action at the budget's
// full rate would show. At each finish, the actions running then take some list calls a check, and one
// check every (calls × the budget's pace), never sooner than 2 s, shows it after a uniformly spread part of
// that gap (spread by the golden ratio, so that the figures do not depend on luck).
import type { Guid } from '../../../core/lib/guid.ts';
import { checkFloorMs } from '../../../core/polling/scheduler/entry-state.ts';
import { chunkIds } from '../../../core/polling/list-shapes/chunk-ids.ts';
import { budgetLimits, RateBudget } from '../../../core/polling/scheduler/rate-budget.ts';
import { median, percentile } from './statistics.ts';

/** When an action was running: from its creation to its final status (undefined: still running at the end). */
export interface RunningSpan {
  createdAt: number;
  finishedAt: number | undefined;
}

export interface LimitFigures {
  delayMedianS: number;
  delayP95S: number;
}

/** How many list calls one check of `running` actions takes: chunks of the app's first list shape. */
function listCallsFor(running: number): number {
  const ids = Array.from({ length: running }, (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}` as Guid);
  return Math.max(1, chunkIds(ids).length);
}

/** The limit's finish → shown figures for these finishes, each with the spans of the run it happened in. */
export function limitFigures(runs: readonly { finishedAts: readonly number[]; spans: readonly RunningSpan[] }[]): LimitFigures {
  const pace = new RateBudget(budgetLimits(0.8, 1)).paceMs(1);
  const delaysS: number[] = [];
  for (const { finishedAts, spans } of runs) {
    for (const finishedAt of finishedAts) {
      const running = spans.filter((span) => span.createdAt <= finishedAt && (span.finishedAt === undefined || span.finishedAt >= finishedAt)).length;
      const gapMs = Math.max(checkFloorMs, listCallsFor(running) * pace);
      const phase = (delaysS.length * 0.618_033_988_75) % 1;
      delaysS.push((gapMs * phase) / 1000);
    }
  }
  return delaysS.length > 0 ? { delayMedianS: median(delaysS), delayP95S: percentile(delaysS, 95) } : { delayMedianS: Number.NaN, delayP95S: Number.NaN };
}
