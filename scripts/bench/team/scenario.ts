// The team benchmark's hour: each analyst watches 3 actions, half of all watches on an action shared with
// a colleague. Analysts sit in pairs (an `analyst` and a `guest` account, so that a shared action crosses
// accounts); alternate pairs share 1 and 2 of their 3 actions, so that over two pairs 6 of 12 watches are
// shared. An odd analyst out watches 3 of their own. The actions are created over the first 45 minutes of
// the hour with `durations: "history"` (the simulator draws each run from its type's history, seeded by
// its ID), so most finish within it; the IDs are the same whichever way the team watches them.

export type Login = 'analyst' | 'guest';

export interface TeamAction {
  id: string;
  type: string;
  scope: string | null;
  /** After the start of the hour. */
  createdAfterMs: number;
  /** Indexes of the analysts who watch it, from its creation on. */
  watchers: number[];
}

export interface Team {
  size: number;
  /** The account each analyst signs in with. */
  logins: Login[];
  actions: TeamAction[];
}

/** The kinds a SOC sends, in the proportions it sends them: one cycle per 12 actions. */
const mix: readonly { type: string; scope: string | null }[] = [
  { type: 'Isolate', scope: 'Full' },
  { type: 'RunAntiVirusScan', scope: 'Quick' },
  { type: 'CollectInvestigationPackage', scope: null },
  { type: 'Isolate', scope: 'Full' },
  { type: 'StopAndQuarantineFile', scope: null },
  { type: 'LiveResponse', scope: null },
  { type: 'Isolate', scope: 'Full' },
  { type: 'RunAntiVirusScan', scope: 'Quick' },
  { type: 'Unisolate', scope: null },
  { type: 'CollectInvestigationPackage', scope: null },
  { type: 'RunAntiVirusScan', scope: 'Full' },
  { type: 'StopAndQuarantineFile', scope: null },
];

const arrivalSpanMs = 45 * 60_000;
export const teamSizes = [1, 5, 20, 50] as const;
export const hourMs = 3_600_000;

/** Who watches what: per pair, the shared actions first, then each one's own. */
function watcherSets(size: number): number[][] {
  const sets: number[][] = [];
  for (let first = 0; first < size; first += 2) {
    const second = first + 1;
    if (second >= size) {
      sets.push([first], [first], [first]);
      continue;
    }
    const shared = (first / 2) % 2 === 0 ? 1 : 2;
    for (let index = 0; index < shared; index += 1) sets.push([first, second]);
    for (let index = shared; index < 3; index += 1) sets.push([first], [second]);
  }
  return sets;
}

/** The team of `size` analysts and the actions it watches in the hour. */
export function teamOf(size: number): Team {
  const sets = watcherSets(size);
  const actions = sets.map((watchers, index) => {
    const kind = mix[index % mix.length];
    return {
      id: `dddddddd-${String(size).padStart(4, '0')}-4000-8000-${String(index + 1).padStart(12, '0')}`,
      type: kind.type,
      scope: kind.scope,
      // A stride of 7 through the arrival slots (coprime with the count unless 7 divides it): spread, not bunched.
      createdAfterMs: Math.round(((index * 7) % sets.length) * (arrivalSpanMs / sets.length)) + 11_000,
      watchers,
    };
  });
  return { size, logins: Array.from({ length: size }, (_, index) => (index % 2 === 0 ? 'analyst' : 'guest')), actions };
}

/** The same actions, watched by one analyst alone: what the relay's calls at `size` are held against. */
export function oneAnalystWatching(team: Team): Team {
  return { size: 1, logins: ['analyst'], actions: team.actions.map((action) => ({ ...action, watchers: [0] })) };
}

/** How many watches are on a shared action: half, by design (none for one analyst). */
export function sharedShare(team: Team): number {
  const watches = team.actions.reduce((sum, action) => sum + action.watchers.length, 0);
  const shared = team.actions.filter((action) => action.watchers.length > 1).reduce((sum, action) => sum + action.watchers.length, 0);
  return watches > 0 ? shared / watches : 0;
}
