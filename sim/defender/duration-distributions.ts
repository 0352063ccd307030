import type { TimelineStep } from './timeline.ts';

/**
 * How long each kind of action takes in the simulated tenant: the one source for the seeded history and
 * for the actions the control API plays with `durations: "history"`, so that what the app learns from the
 * history is what the next action does.
 *
 * Durations are log-normal: most actions finish near the median, a few take several times as long, none
 * take less than nothing. That skew is what real fleets show (a device busy, asleep, on a slow link), and
 * what an equal-probability pace has to cope with.
 */

/** A number from [0, 1). */
export type Random = () => number;

/** mulberry32: small, fast and good enough for test data; the same seed gives the same tenant on every reset. */
export function seededRandom(seed: number): Random {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** FNV-1a of a text, as a seed: an action played with an id of the test's choosing moves the same way each run. */
export function seedOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  }
  return hash >>> 0;
}

/** A standard normal number (Box–Muller). `1 - random()` keeps the logarithm away from zero. */
function standardNormal(random: Random): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Log-normal around `medianMs`: `sigma` is the spread, ln(p84 / median); 0.35 puts 9 in 10 within 1.57 × the median. */
export function drawLogNormalMs(medianMs: number, sigma: number, random: Random): number {
  return Math.round(medianMs * Math.exp(sigma * standardNormal(random)));
}

export interface DurationProfile {
  readonly type: string;
  /** Set only where the scope changes the work: isolation and antivirus scans. */
  readonly scope: string | null;
  /** Creation to Succeeded, the middle of the distribution. */
  readonly medianMs: number;
  readonly sigma: number;
  /** The part of the time spent Pending, before the device picks the action up. */
  readonly pendingShare: number;
  readonly failedShare: number;
  readonly timedOutShare: number;
  readonly cancelledShare: number;
  /** When Defender gives up on a device that never answers (isolation: retried for up to 3 days). */
  readonly timeOutAfterMs: number;
}

const minute = 60_000;
const threeDays = 3 * 86_400_000;

const profile = (type: string, scope: string | null, medianMs: number, sigma: number, rest: Partial<DurationProfile> = {}): DurationProfile => ({
  type,
  scope,
  medianMs,
  sigma,
  pendingShare: 0.15,
  failedShare: 0.03,
  timedOutShare: 0.01,
  cancelledShare: 0.01,
  timeOutAfterMs: threeDays,
  ...rest,
});

/**
 * Medians from Defender's doc examples where there are any (isolation 66 s, AV scan 30 s, investigation
 * package 88 s), the rest from what the portal shows on a healthy fleet.
 */
export const durationProfiles: readonly DurationProfile[] = [
  profile('Isolate', 'Full', 70_000, 0.35, { cancelledShare: 0.02 }),
  profile('Isolate', 'Selective', 75_000, 0.35),
  profile('Unisolate', null, 55_000, 0.35),
  profile('RunAntiVirusScan', 'Quick', 30_000, 0.4, { failedShare: 0.02 }),
  profile('RunAntiVirusScan', 'Full', 20 * minute, 0.5, { pendingShare: 0.02, failedShare: 0.04, timedOutShare: 0.02 }),
  profile('CollectInvestigationPackage', null, 90_000, 0.4),
  profile('LiveResponse', null, 60_000, 0.5, { failedShare: 0.05, timedOutShare: 0.04, cancelledShare: 0.02, timeOutAfterMs: 30 * minute }),
  profile('StopAndQuarantineFile', null, 35_000, 0.35),
  profile('RestrictCodeExecution', null, 45_000, 0.35),
  profile('UnrestrictCodeExecution', null, 45_000, 0.35),
  profile('Offboard', null, 4 * minute, 0.5),
];

const spelling = (text: string) => text.toLowerCase().replace(/\s+/g, '');

/** The profile of a type and scope, as the app groups them: the scope counts for isolation and AV scans only. */
export function profileFor(type: string, scope: string | null | undefined): DurationProfile | undefined {
  const ofType = durationProfiles.filter((candidate) => spelling(candidate.type) === spelling(type));
  return ofType.find((candidate) => candidate.scope === null || spelling(candidate.scope) === spelling(scope ?? '')) ?? ofType[0];
}

export type FinalOutcome = 'Succeeded' | 'Failed' | 'TimeOut' | 'Cancelled';

/** How one action goes: when it moves to InProgress (never, for one that times out or is cancelled while Pending) and how it ends. */
export interface DrawnRun {
  readonly status: FinalOutcome;
  readonly inProgressAfterMs: number | null;
  readonly finishedAfterMs: number;
}

function drawStatus(profile: DurationProfile, random: Random): FinalOutcome {
  const draw = random();
  if (draw < profile.failedShare) return 'Failed';
  if (draw < profile.failedShare + profile.timedOutShare) return 'TimeOut';
  if (draw < profile.failedShare + profile.timedOutShare + profile.cancelledShare) return 'Cancelled';
  return 'Succeeded';
}

/** At least a second: nothing in Defender finishes the instant it is created. */
const atLeastASecond = (ms: number) => Math.max(1_000, ms);

/** One action's run, drawn from its profile: the same `random` sequence gives the same run. */
export function drawRun(profile: DurationProfile, random: Random): DrawnRun {
  const status = drawStatus(profile, random);
  const fullMs = atLeastASecond(drawLogNormalMs(profile.medianMs, profile.sigma, random));
  const inProgressAfterMs = atLeastASecond(Math.round(fullMs * profile.pendingShare));
  switch (status) {
    case 'Succeeded':
      return { status, inProgressAfterMs, finishedAfterMs: Math.max(fullMs, inProgressAfterMs + 1_000) };
    case 'Failed': // fails part of the way through the work
      return { status, inProgressAfterMs, finishedAfterMs: inProgressAfterMs + atLeastASecond(Math.round((fullMs - inProgressAfterMs) * (0.2 + 0.8 * random()))) };
    case 'TimeOut': // the device never picked it up
      return { status, inProgressAfterMs: null, finishedAfterMs: profile.timeOutAfterMs };
    case 'Cancelled': // someone thought better of it while it waited
      return { status, inProgressAfterMs: null, finishedAfterMs: atLeastASecond(drawLogNormalMs(2 * minute, 0.8, random)) };
  }
}

/** The run as a timeline the simulator plays. */
export function timelineOf(run: DrawnRun): TimelineStep[] {
  const steps: TimelineStep[] = [];
  if (run.inProgressAfterMs !== null) steps.push({ status: 'InProgress', afterMs: run.inProgressAfterMs });
  steps.push({ status: run.status, afterMs: run.finishedAfterMs });
  return steps;
}
