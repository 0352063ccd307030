// One replica holding 1,000 analysts' streams: its memory, and the fan-out of one check to all of them.
//
// 1,000 analysts (bench-analysts.ts: an account each, as 1,000 analysts would be) each PUT the same three
// finished actions as their watch, then open their stream, 50 at a time, as boards reconnecting to a
// replica would; each stream is open once its `synced` names the three. The server's memory (its own
// process, after a full GC) is read before the first stream and after the last. Then, in rounds, the
// benchmark publishes a `checked` event of the first action on Redis, as the relay's poller does
// (relay/state/relay-events.ts: the stored record of that action with a new checkedAt), and times from the
// publish to each stream's receipt of it, in this process.
import type { Redis } from 'ioredis';
import type { Guid } from '../../../core/lib/guid.ts';
import type { CheckRecord } from '../../../core/polling/watch/check-record.ts';
import { formatEvent } from '../../../core/relay-stream/stream-events.ts';
import { keys } from '../../../relay/state/keys.ts';
import { seededActions } from '../../../sim/seed.ts';
import { testAppOrigin } from '../../../server/testing/server-env.ts';
import { median, percentile } from '../harness/statistics.ts';
import { seedAccess, type AnalystKeys, type BenchAnalyst } from './bench-analysts.ts';
import { openBenchStream, type BenchStream } from './bench-stream.ts';
import type { LoopStats, MemoryFigures, ServerProcess } from './server-child.ts';

export const streamCount = 1_000;
const openAtOnce = 50;
const putAtOnce = 20;
const fanOutRounds = 20;
const roundTimeoutMs = 10_000;
/** The relay's own access TTL (RELAY_ACCESS_TTL_MS's default). */
const accessTtlMs = 3_600_000;

/** Three finished actions: the poller reads each once, so the only checks during the rounds are the benchmark's. */
export const watchedIds = [seededActions.failedIsolation, seededActions.cancelledIsolation, seededActions.timedOutLiveResponse] as Guid[];
const probeId = watchedIds[0];

export interface FanOutRound {
  /** Publish → the last of the streams received it (ms). */
  lastMs: number;
  /** Publish → the median stream received it. */
  medianMs: number;
  received: number;
}

export interface StreamFigures {
  streams: number;
  putSeconds: number;
  openSeconds: number;
  memoryBefore: MemoryFigures;
  memoryAfter: MemoryFigures;
  memoryAfterRounds: MemoryFigures;
  rssGrowthMb: number;
  rssPerStreamKib: number;
  heapPerStreamKib: number;
  rounds: FanOutRound[];
  lastMedianMs: number;
  lastP99Ms: number;
  /** Every stream's delivery of every round, pooled. */
  deliveryMedianMs: number;
  deliveryP99Ms: number;
  /** This process's time reading the 1,000 streams' chunks, per round (ms): the instrument's own share. */
  readerMsPerRound: number;
  /** The server process during the rounds. */
  serverDuringRounds: LoopStats;
  serverDuringOpening: LoopStats;
  /** Each stream's open (request → its synced), for the first and the last 100 opened (ms, medians). */
  openFirstHundredMs: number;
  openLastHundredMs: number;
  /** Commands Redis ran while the streams opened (INFO commandstats), the most called first. */
  redisWhileOpening: Record<string, number>;
  byes: Record<string, number>;
  /** The `action` event each stream was sent in a round, as written (bytes). */
  eventBytes: number;
  realSeconds: number;
}

export interface StreamPlaces {
  origin: string;
  redis: Redis;
  server: ServerProcess;
  keys: AnalystKeys;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes: number) => bytes / 1_048_576;

/** Runs `work` over `items`, `atOnce` at a time. */
async function inPool<T, R>(items: readonly T[], atOnce: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < items.length; index = next++) results[index] = await work(items[index]);
  };
  await Promise.all(Array.from({ length: Math.min(atOnce, items.length) }, worker));
  return results;
}

async function putWatch(origin: string, analyst: BenchAnalyst): Promise<void> {
  const response = await fetch(`${origin}/relay/v1/watch`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${analyst.token}`, 'content-type': 'application/json', origin: testAppOrigin },
    body: JSON.stringify({ ids: watchedIds }),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`PUT /relay/v1/watch answered ${response.status}: ${text}`);
  const { watching } = JSON.parse(text) as { watching: string[] };
  if (!watchedIds.every((id) => watching.includes(id))) throw new Error(`PUT /relay/v1/watch accepted only ${watching.join(', ')}: ${text}`);
}

/** Calls per command so far, from INFO commandstats. */
async function commandCalls(redis: Redis): Promise<Map<string, number>> {
  const calls = new Map<string, number>();
  for (const match of (await redis.info('commandstats')).matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) calls.set(match[1], Number(match[2]));
  return calls;
}

function callsSince(before: Map<string, number>, after: Map<string, number>): Record<string, number> {
  const delta = [...after].map(([command, calls]) => [command, calls - (before.get(command) ?? 0)] as const).filter(([command, calls]) => calls > 0 && command !== 'info');
  return Object.fromEntries(delta.sort((a, b) => b[1] - a[1]));
}

/** Until the relay's poller has stored a check of each watched action. */
async function storedChecks(redis: Redis): Promise<void> {
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await sleep(200)) {
    if ((await redis.exists(...watchedIds.map(keys.action))) === watchedIds.length) return;
  }
  throw new Error("The relay's poller stored no check of the watched actions within 30 s");
}

export async function measureStreams(places: StreamPlaces, progress: (line: string) => void): Promise<StreamFigures> {
  const started = Date.now();
  const { origin, redis, server } = places;
  const analysts = await places.keys.mint(streamCount);
  await seedAccess(redis, analysts, watchedIds, accessTtlMs);

  progress(`server: ${streamCount} analysts PUT their watch of ${watchedIds.length} actions`);
  const putStarted = performance.now();
  await inPool(analysts, putAtOnce, (analyst) => putWatch(origin, analyst));
  const putSeconds = (performance.now() - putStarted) / 1000;
  await storedChecks(redis);

  // Each round's arrivals, by the checkedAt the benchmark published.
  let collecting: { checkedAt: number; arrivals: number[]; done: () => void } | undefined;
  const onAction = (id: string, checkedAt: number, arrivedAt: number) => {
    if (collecting === undefined || id !== probeId || checkedAt !== collecting.checkedAt) return;
    collecting.arrivals.push(arrivedAt);
    if (collecting.arrivals.length === streamCount) collecting.done();
  };

  const memoryBefore = (await server.memory()).memory;
  progress(`server: opening ${streamCount} streams, ${openAtOnce} at a time (server RSS ${mb(memoryBefore.rss).toFixed(1)} MB before)`);
  const streams: BenchStream[] = [];
  try {
    await server.resetStats();
    const commandsBefore = await commandCalls(redis);
    const openTimes: number[] = [];
    const openStarted = performance.now();
    await inPool(analysts, openAtOnce, async (analyst) => {
      const requested = performance.now();
      streams.push(await openBenchStream(origin, analyst.token, watchedIds, onAction));
      openTimes.push(performance.now() - requested);
    });
    const openSeconds = (performance.now() - openStarted) / 1000;
    const serverDuringOpening = await server.stats();
    const redisWhileOpening = callsSince(commandsBefore, await commandCalls(redis));
    await sleep(1_000);
    const memoryAfter = (await server.memory()).memory;
    progress(`server: ${streams.length} streams open in ${openSeconds.toFixed(1)} s (server RSS ${mb(memoryAfter.rss).toFixed(1)} MB); ${fanOutRounds} rounds of fan-out`);

    const stored = JSON.parse((await redis.get(keys.action(probeId))) ?? 'null') as Record<string, unknown> | null;
    if (stored === null) throw new Error('The stored check of the probe action is gone');
    const rounds: FanOutRound[] = [];
    const deliveries: number[] = [];
    const readerBefore = streams.reduce((sum, stream) => sum + stream.readerMs, 0);
    await server.resetStats();
    let lastCheckedAt = 0;
    for (let round = 0; round < fanOutRounds; round += 1) {
      const checkedAt = Math.max(Date.now(), lastCheckedAt + 1);
      lastCheckedAt = checkedAt;
      const message = JSON.stringify({ type: 'checked', record: { ...stored, checkedAt } });
      const arrivals: number[] = [];
      const allArrived = new Promise<void>((resolve) => {
        collecting = { checkedAt, arrivals, done: resolve };
        setTimeout(resolve, roundTimeoutMs);
      });
      const publishedAt = performance.now();
      await redis.publish(keys.events, message);
      await allArrived;
      collecting = undefined;
      const delays = arrivals.map((at) => at - publishedAt);
      deliveries.push(...delays);
      rounds.push({ lastMs: delays.length > 0 ? Math.max(...delays) : Number.NaN, medianMs: delays.length > 0 ? median(delays) : Number.NaN, received: delays.length });
      await sleep(250);
    }
    const serverDuringRounds = await server.stats();
    const readerMsPerRound = (streams.reduce((sum, stream) => sum + stream.readerMs, 0) - readerBefore) / fanOutRounds;
    const memoryAfterRounds = (await server.memory()).memory;
    // A round some stream missed counts as not measured (NaN): it would not be a fan-out to all 1,000.
    const lasts = rounds.map((round) => (round.received === streamCount ? round.lastMs : Number.POSITIVE_INFINITY));
    const byes: Record<string, number> = {};
    for (const reason of streams.flatMap((stream) => stream.byes)) byes[reason] = (byes[reason] ?? 0) + 1;
    return {
      streams: streams.length,
      putSeconds,
      openSeconds,
      memoryBefore,
      memoryAfter,
      memoryAfterRounds,
      rssGrowthMb: mb(memoryAfter.rss - memoryBefore.rss),
      rssPerStreamKib: (memoryAfter.rss - memoryBefore.rss) / streamCount / 1024,
      heapPerStreamKib: (memoryAfter.heapUsed - memoryBefore.heapUsed) / streamCount / 1024,
      rounds,
      lastMedianMs: median(lasts),
      lastP99Ms: percentile(lasts, 99),
      deliveryMedianMs: median(deliveries),
      deliveryP99Ms: percentile(deliveries, 99),
      readerMsPerRound,
      serverDuringRounds,
      serverDuringOpening,
      openFirstHundredMs: median(openTimes.slice(0, 100)),
      openLastHundredMs: median(openTimes.slice(-100)),
      redisWhileOpening,
      byes,
      eventBytes: Buffer.byteLength(formatEvent({ event: 'action', data: { ...(stored as unknown as CheckRecord), checkedAt: lastCheckedAt } })),
      realSeconds: Math.round((Date.now() - started) / 1000),
    };
  } finally {
    for (const stream of streams) stream.close();
  }
}
