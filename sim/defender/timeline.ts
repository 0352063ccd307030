/** A status an action reaches `afterMs` after its timeline starts. */
export interface TimelineStep {
  readonly status: string;
  readonly afterMs: number;
}

/**
 * `first-read` starts the timeline when the API first returns the action, so demo actions seeded long
 * before anyone looks still move while someone watches.
 */
export type TimelineStart = 'creation' | 'first-read';

export interface ReachedStep {
  readonly status: string;
  readonly reachedAtMs: number;
}

/** The last step reached by `nowMs`, or undefined while the action still shows its initial status. */
export function reachedStep(
  timeline: readonly TimelineStep[],
  startMs: number | null,
  nowMs: number,
): ReachedStep | undefined {
  if (startMs === null) return undefined;
  let reached: ReachedStep | undefined;
  for (const step of [...timeline].sort((a, b) => a.afterMs - b.afterMs)) {
    if (startMs + step.afterMs > nowMs) break;
    reached = { status: step.status, reachedAtMs: startMs + step.afterMs };
  }
  return reached;
}
