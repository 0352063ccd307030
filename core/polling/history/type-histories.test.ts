import { describe, expect, it } from 'vitest';
import { parseMachineAction, type MachineAction } from '../../defender/machine-action';
import { actionBody } from '../../testing/machine-actions';
import { emptySamples, readHistory, type HistoryKind, type HistoryReading } from './duration-history';
import { historyRetryMs, memoryHistoryStore, storedHistoryTtl, TypeHistories, type HistoryStore } from './type-histories';

function action(fields: Record<string, unknown>): MachineAction {
  const parsed = parseMachineAction(actionBody(fields));
  if (!parsed.ok) throw new Error(parsed.detail);
  return parsed.action;
}

const isolation = action({ type: 'Isolate', scope: 'Full', status: 'InProgress' });
const selectiveIsolation = action({ type: 'Isolate', scope: 'Selective', status: 'InProgress' });
const scan = action({ type: 'RunAntiVirusScan', scope: 'Quick', status: 'InProgress' });

const enoughIsolations = readHistory({
  ...emptySamples({ type: 'Isolate', scope: 'Full' }, 30),
  durationsMs: Array.from({ length: 25 }, (_, index) => 60_000 + index * 1_000),
  outcomes: { succeeded: 25, failed: 0, timedOut: 0, cancelled: 0 },
});

/** A store that counts how often it is asked, answering whatever `answer` holds at the time. */
function countingStore(answer: { reading: HistoryReading | undefined }) {
  const asked: HistoryKind[] = [];
  const store: HistoryStore = {
    reading: (kind) => (asked.push(kind), answer.reading),
    isDue: () => answer.reading === undefined,
    keep: () => {},
  };
  return { store, asked };
}

const never = () => Promise.reject(new Error('no read expected'));
const direct = <T,>(call: () => Promise<T>) => call();

/** Isolations done in 60 to 84 s, as Defender's list call for the type would return them. */
function isolationsDone(now: number): MachineAction[] {
  return Array.from({ length: 25 }, (_, index) =>
    action({ type: 'Isolate', scope: 'Full', status: 'Succeeded', creationDateTimeUtc: new Date(now - 3_600_000).toISOString(), lastUpdateDateTimeUtc: new Date(now - 3_600_000 + 60_000 + index * 1_000).toISOString() }),
  );
}

describe('TypeHistories.historyOf: what the poller paces by', () => {
  it('asks the store once a minute per kind for a known history, however often the poller plans', () => {
    const answer = { reading: enoughIsolations as HistoryReading | undefined };
    const { store, asked } = countingStore(answer);
    let now = 0;
    const histories = new TypeHistories({ store, readActions: never, now: () => now });
    for (let plan = 0; plan < 500; plan += 1) expect(histories.historyOf(isolation)?.medianMs).toBeGreaterThan(0);
    expect(asked).toHaveLength(1);
    now += storedHistoryTtl.knownMs;
    histories.historyOf(isolation);
    expect(asked).toHaveLength(2);
  });

  it('asks again within seconds for a kind not known yet: another tab may just have read it', () => {
    const answer: { reading: HistoryReading | undefined } = { reading: undefined };
    const { store } = countingStore(answer);
    let now = 0;
    const histories = new TypeHistories({ store, readActions: never, now: () => now });
    expect(histories.historyOf(isolation)).toBeUndefined();
    answer.reading = enoughIsolations;
    expect(histories.historyOf(isolation)).toBeUndefined();
    now += storedHistoryTtl.unknownMs;
    expect(histories.historyOf(isolation)?.key).toBe('isolate/full');
  });

  it('gives nothing to pace by where there is too little history', () => {
    const { store } = countingStore({ reading: readHistory(emptySamples({ type: 'Isolate', scope: 'Full' }, 30)) });
    expect(new TypeHistories({ store, readActions: never, now: () => 0 }).historyOf(isolation)).toBeUndefined();
  });
});

describe('TypeHistories: the reads that learn it', () => {
  it('reads each due type once (one call for every scope of it), keeps it, and knows it at once', async () => {
    const now = Date.parse('2026-01-05T10:00:00Z');
    const read: string[] = [];
    const histories = new TypeHistories({ store: memoryHistoryStore(() => now), readActions: async (type) => (read.push(type), isolationsDone(now)), now: () => now });
    expect(histories.historyOf(isolation)).toBeUndefined();
    expect(histories.due([isolation, selectiveIsolation, scan, isolation])).toEqual(['Isolate', 'RunAntiVirusScan']);
    expect(await histories.read('Isolate', direct)).toBe(true);
    expect(read).toEqual(['Isolate']);
    expect(histories.historyOf(isolation)?.medianMs).toBe(72_000);
    expect(histories.due([isolation, selectiveIsolation])).toEqual([]); // kept for the day
  });

  it('is not asked for a type while its read is under way', async () => {
    const now = 0;
    let answer: (actions: MachineAction[]) => void = () => {};
    const histories = new TypeHistories({ store: memoryHistoryStore(() => now), readActions: () => new Promise((resolve) => (answer = resolve)), now: () => now });
    const reading = histories.read('Isolate', direct);
    expect(histories.due([isolation])).toEqual([]);
    expect(await histories.read('Isolate', direct)).toBe(false);
    answer([]);
    expect(await reading).toBe(true);
  });

  it('tries a failed read again only after a while: each read is a call from the shared quota', async () => {
    let now = 0;
    const histories = new TypeHistories({ store: memoryHistoryStore(() => now), readActions: () => Promise.reject(new Error('503')), now: () => now });
    expect(await histories.read('Isolate', direct)).toBe(false);
    expect(histories.due([isolation])).toEqual([]);
    now += historyRetryMs;
    expect(histories.due([isolation])).toEqual(['Isolate']);
  });

  it('reads a type again once its history is a day old', async () => {
    let now = Date.parse('2026-01-05T10:00:00Z');
    const histories = new TypeHistories({ store: memoryHistoryStore(() => now), readActions: async () => isolationsDone(now), now: () => now });
    await histories.read('Isolate', direct);
    now += 86_400_000;
    expect(histories.due([isolation])).toEqual(['Isolate']);
  });
});
