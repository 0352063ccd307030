import { readHistory, type DurationHistory, type HistorySamples } from '../polling/history/duration-history';

/** Full isolations here that each succeeded after one of `durationsMs`, nothing else known. */
export function isolationSamples(durationsMs: readonly number[], changes: Partial<HistorySamples> = {}): HistorySamples {
  return {
    type: 'Isolate',
    scope: 'Full',
    periodDays: 30,
    durationsMs: [...durationsMs].sort((a, b) => a - b),
    pendingMs: [],
    pickedUpMs: [],
    outcomes: { succeeded: durationsMs.length, failed: 0, timedOut: 0, cancelled: 0 },
    stillPending: 0,
    ...changes,
  };
}

/** The same, read; throws where there are too few to go by, so a test never paces by too little by accident. */
export function isolationHistory(durationsMs: readonly number[], changes: Partial<HistorySamples> = {}): DurationHistory {
  const reading = readHistory(isolationSamples(durationsMs, changes));
  if (!reading.enough) throw new Error(`expected enough history, got ${durationsMs.length} durations`);
  return reading;
}

/** `count` durations a second apart from `firstMs`: 40 from 30 s puts the first step (1 in 20) at about 32 s. */
export function evenDurations(count: number, firstMs: number): number[] {
  return Array.from({ length: count }, (_, index) => firstMs + index * 1_000);
}
