import { quantile } from '../lib/quantile';
import type { DurationHistory } from './duration-history';

/**
 * Twenty equal-probability steps: between one check and the next, one more in twenty of this kind of
 * action finishes. Where durations crowd (around the typical finish) the steps are short and the checks
 * close; in the long tail they are far apart, so a slow action costs few calls.
 */
export const paceSteps = 20;

/** The running times at which to check: the 5th, 10th, …, 95th percentiles of the durations, then the longest. */
export function checkpointsMs(history: DurationHistory): number[] {
  const levels = Array.from({ length: paceSteps }, (_, index) => (index + 1) / paceSteps);
  return [...new Set(levels.map((level) => quantile(history.durationsMs, level)))];
}

/**
 * Milliseconds until the next check of an action that has run for `runningForMs`: to the next step of its
 * kind's durations, or the ceiling once past the longest one seen. Never sooner than the floor (steps
 * closer than that are checked once) nor later than the ceiling; where the two cross, the floor wins, as
 * the rate budget would. A running time below zero (a creation date ahead of this clock) or unknown counts
 * as a start. The rate budget and a 429's pause still come on top: this only says when a check is worth it.
 */
export function nextCheckFromHistory(history: DurationHistory, runningForMs: number, floorMs: number, ceilingMs: number): number {
  const floor = Math.max(floorMs, 0);
  const ceiling = Math.max(ceilingMs, floor);
  const running = Number.isFinite(runningForMs) ? Math.max(runningForMs, 0) : 0;
  const next = checkpointsMs(history).find((checkpoint) => checkpoint > running);
  const delay = next === undefined ? ceiling : Math.ceil(next - running);
  return Math.min(Math.max(delay, floor), ceiling);
}
