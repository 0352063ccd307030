import { describe, expect, it } from 'vitest';
import { drawLogNormalMs, drawRun, durationProfiles, profileFor, seededRandom, seedOf, timelineOf, type DrawnRun } from './duration-distributions.ts';

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function percentile(values: readonly number[], level: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(level * sorted.length))] ?? 0;
}

describe('seededRandom', () => {
  it('gives the same sequence for the same seed, another for another, always within [0, 1)', () => {
    const first = Array.from({ length: 1_000 }, seededRandom(42));
    expect(Array.from({ length: 1_000 }, seededRandom(42))).toEqual(first);
    expect(Array.from({ length: 1_000 }, seededRandom(43))).not.toEqual(first);
    expect(first.every((value) => value >= 0 && value < 1)).toBe(true);
    expect(median(first)).toBeCloseTo(0.5, 1);
  });

  it('seeds from a text the same way each time', () => {
    expect(seedOf('11111111-1111-4111-8111-000000000001')).toBe(seedOf('11111111-1111-4111-8111-000000000001'));
    expect(seedOf('a')).not.toBe(seedOf('b'));
  });
});

describe('drawLogNormalMs', () => {
  it('centres on the median and skews to the right: 9 in 10 within exp(1.28 sigma) of it', () => {
    const random = seededRandom(7);
    const draws = Array.from({ length: 20_000 }, () => drawLogNormalMs(70_000, 0.35, random));
    expect(median(draws) / 70_000).toBeGreaterThan(0.97);
    expect(median(draws) / 70_000).toBeLessThan(1.03);
    expect(percentile(draws, 0.9) / (70_000 * Math.exp(1.2816 * 0.35))).toBeCloseTo(1, 1);
    const mean = draws.reduce((sum, value) => sum + value, 0) / draws.length;
    expect(mean).toBeGreaterThan(median(draws)); // the long tail
    expect(Math.min(...draws)).toBeGreaterThan(0);
  });
});

describe('profiles', () => {
  it('have the medians the issue names', () => {
    expect(profileFor('Isolate', 'Full')?.medianMs).toBe(70_000);
    expect(profileFor('RunAntiVirusScan', 'Quick')?.medianMs).toBe(30_000);
    expect(profileFor('RunAntiVirusScan', 'Full')?.medianMs).toBe(20 * 60_000);
    expect(profileFor('CollectInvestigationPackage', null)?.medianMs).toBe(90_000);
    expect(profileFor('LiveResponse', null)?.medianMs).toBe(60_000);
  });

  it('are found the way the app groups actions: scope for isolation and AV scans, spaces and case ignored', () => {
    expect(profileFor('Isolate', 'Selective')?.scope).toBe('Selective');
    expect(profileFor('isolate', 'full')?.scope).toBe('Full');
    expect(profileFor('Live Response', null)?.type).toBe('LiveResponse');
    expect(profileFor('CollectInvestigationPackage', 'Full')?.type).toBe('CollectInvestigationPackage');
    expect(profileFor('Isolate', 'UnManagedDevice')?.scope).toBe('Full'); // the first of the type stands in
    expect(profileFor('Teleport', null)).toBeUndefined();
  });
});

describe('drawRun', () => {
  it.each(durationProfiles.map((profile) => [`${profile.type} ${profile.scope ?? ''}`.trim(), profile] as const))(
    '%s: succeeds around its median, and fails, times out and is cancelled about as often as its profile says',
    (_name, profile) => {
      const random = seededRandom(2026);
      const runs = Array.from({ length: 10_000 }, () => drawRun(profile, random));
      const succeeded = runs.filter((run) => run.status === 'Succeeded');
      expect(median(succeeded.map((run) => run.finishedAfterMs)) / profile.medianMs).toBeGreaterThan(0.95);
      expect(median(succeeded.map((run) => run.finishedAfterMs)) / profile.medianMs).toBeLessThan(1.05);
      const share = (status: DrawnRun['status']) => runs.filter((run) => run.status === status).length / runs.length;
      expect(share('Failed')).toBeCloseTo(profile.failedShare, 2);
      expect(share('TimeOut')).toBeCloseTo(profile.timedOutShare, 2);
      expect(share('Cancelled')).toBeCloseTo(profile.cancelledShare, 2);
      expect(runs.filter((run) => run.status === 'TimeOut').every((run) => run.finishedAfterMs === profile.timeOutAfterMs)).toBe(true);
    },
  );

  it('moves to InProgress before it ends, and takes at least a second', () => {
    const random = seededRandom(1);
    const profile = profileFor('RunAntiVirusScan', 'Quick');
    if (profile === undefined) throw new Error('no profile');
    for (const run of Array.from({ length: 5_000 }, () => drawRun(profile, random))) {
      expect(run.finishedAfterMs).toBeGreaterThanOrEqual(1_000);
      if (run.inProgressAfterMs !== null) expect(run.inProgressAfterMs).toBeLessThan(run.finishedAfterMs);
    }
  });

  it('is the same run for the same sequence', () => {
    const profile = durationProfiles[0];
    if (profile === undefined) throw new Error('no profile');
    expect(drawRun(profile, seededRandom(5))).toEqual(drawRun(profile, seededRandom(5)));
  });
});

describe('timelineOf', () => {
  it('plays InProgress then the end, or only the end for an action that never left Pending', () => {
    expect(timelineOf({ status: 'Succeeded', inProgressAfterMs: 9_000, finishedAfterMs: 66_000 })).toEqual([
      { status: 'InProgress', afterMs: 9_000 },
      { status: 'Succeeded', afterMs: 66_000 },
    ]);
    expect(timelineOf({ status: 'TimeOut', inProgressAfterMs: null, finishedAfterMs: 259_200_000 })).toEqual([{ status: 'TimeOut', afterMs: 259_200_000 }]);
  });
});
