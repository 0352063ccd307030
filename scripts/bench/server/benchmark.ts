// The app's server (server/): the Defender path's added latency, and one replica holding 1,000 analysts'
// relay streams (its memory, and the fan-out of a check to all of them). It starts what it measures itself,
// on free ports: the simulator and the server each in a process of their own (server-child.ts), a
// redis-server of its own (relay/testing/redis-server.ts), and reads them from this process. Under a
// minute (about 45 s here); the harness's own simulator is not used.
import { Redis } from 'ioredis';
import { nodeUrl } from '../../../sim/constants.ts';
import { signInWithPkce } from '../../../sim/testing/sign-in-with-pkce.ts';
import { simulatorClient } from '../../../sim/testing/simulator-client.ts';
import { startRedis, type TestRedis } from '../../../relay/testing/redis-server.ts';
import { serverEnv } from '../../../server/testing/server-env.ts';
import type { Benchmark, Figure } from '../harness/benchmark.ts';
import { analystKeys, type AnalystKeys } from './bench-analysts.ts';
import { measureDefenderPath, type LatencyFigures } from './defender-path-latency.ts';
import { startBenchSimulator, startServerProcess, type ServerProcess } from './server-child.ts';
import type { SimulatorProcess } from '../../../sim/testing/simulator-process.ts';
import { measureStreams, streamCount, watchedIds, type StreamFigures } from './stream-fan-out.ts';

const ms = (value: number) => `${value.toFixed(1)} ms`;
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

/**
 * The server as an operator runs it (the relay's production timings, not the tests' short ones), but for the
 * Defender path's limits (80 a minute per analyst, 1,000 per address), raised so that 100 reads a second from
 * one token and one address pass.
 * The relay's own limits stay at their defaults: each of the 1,000 analysts sends one PUT and holds one stream.
 */
function benchServerEnv(places: { redisUrl: string; identityPort: number; apiPort: number }, jwksUrl: string): Record<string, string> {
  return serverEnv(places, {
    LOG_LEVEL: 'warn',
    API_REQUESTS_PER_MINUTE: '100000',
    API_REQUESTS_PER_MINUTE_PER_ADDRESS: '1000000',
    RELAY_JWKS_URL: jwksUrl,
    RELAY_LEASE_TTL_MS: '120000',
    RELAY_LEADER_TTL_MS: '10000',
    RELAY_HEARTBEAT_MS: '15000',
    RELAY_DENIED_TTL_MS: '30000',
  });
}

function figures(latency: LatencyFigures, streams: StreamFigures): Figure[] {
  return [
    { figure: 'Defender path: direct, median', value: latency.direct.medianMs, unit: 'ms' },
    { figure: 'Defender path: direct, p95', value: latency.direct.p95Ms, unit: 'ms' },
    { figure: 'Defender path: via server, median', value: latency.server.medianMs, unit: 'ms' },
    { figure: 'Defender path: via server, p95', value: latency.server.p95Ms, unit: 'ms' },
    { figure: 'Defender path: added, median', value: latency.addedMedianMs, unit: 'ms', budget: { max: 5 } },
    { figure: 'Defender path: added, p95', value: latency.addedP95Ms, unit: 'ms' },
    { figure: `${streamCount} streams: server RSS growth`, value: streams.rssGrowthMb, unit: 'MB', budget: { max: 200 } },
    { figure: `${streamCount} streams: server RSS, total`, value: streams.memoryAfter.rss / 1_048_576, unit: 'MB' },
    { figure: 'per stream: RSS', value: streams.rssPerStreamKib, unit: 'KiB' },
    { figure: 'per stream: JS heap (after GC)', value: streams.heapPerStreamKib, unit: 'KiB' },
    { figure: `fan-out to ${streamCount}: to last, median`, value: streams.lastMedianMs, unit: 'ms' },
    { figure: `fan-out to ${streamCount}: to last, p99`, value: streams.lastP99Ms, unit: 'ms', budget: { max: 250 } },
    { figure: `open ${streamCount} streams (50 at once)`, value: streams.openSeconds * 1000, unit: 'ms' },
  ];
}

function notes(latency: LatencyFigures, streams: StreamFigures): string[] {
  const notOk = (counts: Record<string, number>) => (Object.keys(counts).length === 0 ? 'all 200' : Object.entries(counts).map(([status, count]) => `${count}× ${status}`).join(', '));
  const kinds = (route: 'direct' | 'server') => `list ${ms(latency[route].byKind.list.medianMs)} / p95 ${ms(latency[route].byKind.list.p95Ms)}, get ${ms(latency[route].byKind.get.medianMs)} / p95 ${ms(latency[route].byKind.get.p95Ms)}`;
  const loop = (stats: StreamFigures['serverDuringRounds']) =>
    `CPU ${Math.round(stats.cpuMs)} ms in ${(stats.wallMs / 1000).toFixed(1)} s, event-loop lateness p50 ${ms(stats.loopDelayP50Ms)} / p99 ${ms(stats.loopDelayP99Ms)} / max ${ms(stats.loopDelayMaxMs)}`;
  const byes = Object.entries(streams.byes).map(([reason, count]) => `${count}× ${reason}`).join(', ') || 'none';
  const { memoryBefore: before, memoryAfter: after, memoryAfterRounds: later } = streams;
  return [
    '',
    `Server: the Defender path (${latency.realSeconds} s). The app's two reads, a list of ${latency.listIds} IDs ($filter=id in (...), ${latency.answerBytes.list} bytes`,
    `back) and one action by ID (${latency.answerBytes.get} bytes), alternately, at ${latency.requestsPerSecond} a second in half-second rounds of 50, ${latency.roundsPerRoute} rounds`,
    'a route, direct and through the server in ABBA order (2 rounds of each first, not counted), open loop, from this process;',
    "the simulator and the server each in a process of their own. The simulator's quota (100 calls a minute per app and tenant,",
    'on its simulated clock) is made fresh before every round by moving its clock an hour on (POST /_sim/clock), so the real',
    `simulator answered every request; API_REQUESTS_PER_MINUTE=100000 and API_REQUESTS_PER_MINUTE_PER_ADDRESS=1000000 lift the server's own limits (every request comes from this one address).`,
    `  added by the server: median ${latency.addedMedianMs.toFixed(2)} ms, p95 ${latency.addedP95Ms.toFixed(2)} ms (direct ${latency.direct.medianMs.toFixed(2)} / ${latency.direct.p95Ms.toFixed(2)}, via the server ${latency.server.medianMs.toFixed(2)} / ${latency.server.p95Ms.toFixed(2)})`,
    `  direct: ${latency.direct.requests} requests, ${notOk(latency.direct.notOk)}; ${kinds('direct')}`,
    `  via server: ${latency.server.requests} requests, ${notOk(latency.server.notOk)}; ${kinds('server')}`,
    '',
    `Server: ${streams.streams} relay streams on one replica (${streams.realSeconds} s). ${streamCount} analysts, each with an account of their own (tokens of the`,
    "simulator's shape signed by a key of the benchmark's, which the server trusts through RELAY_JWKS_URL beside the simulator's",
    'keys: the simulator has 3 accounts that read actions and RELAY_MAX_STREAMS stops at 100), access checks seeded as passed,',
    `each PUT a watch of the same ${watchedIds.length} finished actions (${streams.putSeconds.toFixed(1)} s for all), then opened a stream (node:http, read with`,
    "eventsource-parser and the browser's readStreamEvent), 50 at a time, each open once its synced named the three.",
    `  server memory after GC, before → ${streamCount} streams open → after the rounds: RSS ${mb(before.rss)} → ${mb(after.rss)} → ${mb(later.rss)}; JS heap`,
    `  ${mb(before.heapUsed)} → ${mb(after.heapUsed)} → ${mb(later.heapUsed)}; external ${mb(before.external)} → ${mb(after.external)} (the server runs under tsx, whose loader counts in its RSS)`,
    `  while the streams opened: ${loop(streams.serverDuringOpening)}`,
    `  one stream's open (its request to its synced), median of the first 100 opened ${ms(streams.openFirstHundredMs)}, of the last 100 ${ms(streams.openLastHundredMs)}`,
    `  Redis commands while they opened: ${Object.entries(streams.redisWhileOpening).slice(0, 6).map(([command, calls]) => `${command} ${calls}`).join(', ')}`,
    ...((streams.redisWhileOpening.set ?? 0) > 10 * streamCount
      ? [`  (about n(n+1)/2 SETs for n streams: each open renews the watch set of every analyst streaming on the replica, a SET NX each: StreamHub.add → renewLeases)`]
      : []),
    `  fan-out: ${streams.rounds.length} rounds, each one \`checked\` of one action published on Redis as the relay's poller publishes it (the record`,
    `  its poller stored, a new checkedAt; ${streams.eventBytes} bytes as each stream is sent it), timed from the publish to each stream's receipt;`,
    `  publish → last stream per round (ms): ${streams.rounds.map((round) => round.lastMs.toFixed(0)).join(', ')}`,
    `  every delivery pooled: median ${ms(streams.deliveryMedianMs)}, p99 ${ms(streams.deliveryP99Ms)}; with ${streams.rounds.length} rounds the p99 of "to last" is the slowest round`,
    `  the server during the rounds: ${loop(streams.serverDuringRounds)}`,
    `  this process reading the ${streamCount} streams' chunks: ${ms(streams.readerMsPerRound)} a round (part of each "to last")`,
    `  streams ended by the server: ${byes}`,
  ];
}

export const serverBenchmark: Benchmark = {
  name: 'server',
  needsServer: false,
  async run({ progress }) {
    let simulator: SimulatorProcess | undefined;
    let redisServer: TestRedis | undefined;
    let keys: AnalystKeys | undefined;
    let server: ServerProcess | undefined;
    let redis: Redis | undefined;
    try {
      progress('server: starting the simulator, Redis and the server (processes of their own)');
      simulator = await startBenchSimulator();
      redisServer = await startRedis();
      keys = await analystKeys(simulator.identityPort);
      server = await startServerProcess(benchServerEnv({ redisUrl: redisServer.url, identityPort: simulator.identityPort, apiPort: simulator.apiPort }, keys.jwksUrl));
      redis = new Redis(redisServer.url);
      const { access_token: token } = await signInWithPkce({ identityUrl: simulator.identityUrl, login: 'analyst' });
      const latency = await measureDefenderPath(
        { directBase: nodeUrl(simulator.apiPort), serverBase: `${server.origin}/defender-api`, token, simulator: simulatorClient(simulator.apiPort) },
        progress,
      );
      // A refused request is answered sooner than a read: its time would flatter the figures.
      for (const [route, measured] of [['direct', latency.direct], ['through the server', latency.server]] as const) {
        if (Object.keys(measured.notOk).length > 0) throw new Error(`Not every read ${route} was answered 200 (${JSON.stringify(measured.notOk)}): the latency would not be a read's.`);
      }
      const streams = await measureStreams({ origin: server.origin, redis, server, keys }, progress);
      const warnings = server.warnings();
      return {
        results: { server: { latency, streams, serverWarnings: warnings.slice(0, 50) } },
        figures: figures(latency, streams),
        notes: [...notes(latency, streams), ...(warnings.length > 0 ? ['', `Server log, warn and above (${warnings.length} lines):`, ...warnings.slice(0, 10).map((line) => `  ${line}`)] : [])],
      };
    } finally {
      redis?.disconnect();
      await server?.stop();
      await keys?.close();
      await redisServer?.stop();
      await simulator?.stop();
    }
  },
};
