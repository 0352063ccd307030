// The Defender path's added latency: the app's two reads (a list by ID, `$filter=id in (...)`, and one
// action by ID) sent to the simulator's Defender API directly and through the app's server
// (/defender-api/...), in alternating half-second rounds of 50 requests at 100 a second (ABBA, so that the
// machine's noise and any drift fall on both), open loop: each request leaves at its time whether or not the
// one before has answered. Timed from the send to the last byte of the body.
//
// The simulator enforces Defender's quota (100 calls a minute and 1,500 an hour per app and tenant) on its
// simulated clock: between rounds, once every call of the round has answered, the benchmark moves that clock
// an hour on (the control API's POST /_sim/clock), so each round starts with a fresh quota and none is a 429.
import { machineActionsByIdUrl, machineActionUrl } from '../../../core/defender/defender-urls.ts';
import type { Guid } from '../../../core/lib/guid.ts';
import { seededActions } from '../../../sim/seed.ts';
import type { SimulatorClient } from '../../../sim/testing/simulator-client.ts';
import { median, percentile } from '../harness/statistics.ts';

export type Route = 'direct' | 'server';
type Kind = 'list' | 'get';

interface Sample {
  route: Route;
  kind: Kind;
  ms: number;
  status: number;
}

export interface RouteFigures {
  requests: number;
  medianMs: number;
  p95Ms: number;
  /** Any answer but a 200 (a 429 would mean the quota trick failed). */
  notOk: Record<string, number>;
  byKind: Record<Kind, { medianMs: number; p95Ms: number }>;
}

export interface LatencyFigures {
  direct: RouteFigures;
  server: RouteFigures;
  addedMedianMs: number;
  addedP95Ms: number;
  roundsPerRoute: number;
  requestsPerSecond: number;
  /** The list's size (IDs) and the answers' sizes (bytes). */
  listIds: number;
  answerBytes: Record<Kind, number>;
  realSeconds: number;
}

export interface LatencyPlaces {
  /** The simulator's Defender API, e.g. http://127.0.0.1:PORT */
  directBase: string;
  /** The server's Defender path, e.g. http://127.0.0.1:PORT/defender-api */
  serverBase: string;
  token: string;
  simulator: SimulatorClient;
}

const perRound = 50;
const spacingMs = 10;
const measuredRounds = 20;
/** Rounds of each route at the start, not counted: connections opened, code warmed. */
const warmupRounds = 2;
const hourAndASecond = 3_601_000;

/** The app's list of ten seeded actions (the one with 10,000-character strings left out), and one read by ID. */
const listIds = Object.values(seededActions)
  .filter((id) => id !== seededActions.hostileStrings)
  .slice(0, 10) as Guid[];

function paths(): Record<Kind, string> {
  // The URLs the app's DefenderClient sends, on an empty base: the same path and query on either route.
  return { list: machineActionsByIdUrl('', listIds, 'in'), get: machineActionUrl('', seededActions.pendingIsolation as Guid) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function send(base: string, path: string, token: string): Promise<{ ms: number; status: number; bytes: number }> {
  const started = performance.now();
  const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
  const body = await response.arrayBuffer();
  return { ms: performance.now() - started, status: response.status, bytes: body.byteLength };
}

/** One round: `perRound` requests `spacingMs` apart, list and get alternating; resolves once all have answered. */
async function round(route: Route, places: LatencyPlaces, answerBytes: Record<Kind, number>): Promise<Sample[]> {
  const base = route === 'direct' ? places.directBase : places.serverBase;
  const urls = paths();
  const start = performance.now();
  const pending: Promise<Sample>[] = [];
  for (let index = 0; index < perRound; index += 1) {
    const wait = start + index * spacingMs - performance.now();
    if (wait > 0.5) await sleep(wait);
    const kind: Kind = index % 2 === 0 ? 'list' : 'get';
    pending.push(
      send(base, urls[kind], places.token).then(
        ({ ms, status, bytes }) => {
          if (status === 200) answerBytes[kind] = bytes;
          return { route, kind, ms, status };
        },
        () => ({ route, kind, ms: Number.NaN, status: 0 }),
      ),
    );
  }
  return Promise.all(pending);
}

function routeFigures(samples: readonly Sample[]): RouteFigures {
  const ok = samples.filter((sample) => sample.status === 200);
  const times = (of: readonly Sample[]) => of.map((sample) => sample.ms);
  const notOk: Record<string, number> = {};
  for (const sample of samples) if (sample.status !== 200) notOk[String(sample.status)] = (notOk[String(sample.status)] ?? 0) + 1;
  const kindFigures = (kind: Kind) => {
    const of = times(ok.filter((sample) => sample.kind === kind));
    return { medianMs: of.length > 0 ? median(of) : Number.NaN, p95Ms: of.length > 0 ? percentile(of, 95) : Number.NaN };
  };
  return {
    requests: samples.length,
    medianMs: ok.length > 0 ? median(times(ok)) : Number.NaN,
    p95Ms: ok.length > 0 ? percentile(times(ok), 95) : Number.NaN,
    notOk,
    byKind: { list: kindFigures('list'), get: kindFigures('get') },
  };
}

export async function measureDefenderPath(places: LatencyPlaces, progress: (line: string) => void): Promise<LatencyFigures> {
  const started = Date.now();
  const answerBytes: Record<Kind, number> = { list: 0, get: 0 };
  const samples: Sample[] = [];
  // ABBA BAAB…: each route as often first as second in a pair.
  const order: Route[] = [];
  for (let pair = 0; order.length < 2 * (warmupRounds + measuredRounds); pair += 1) order.push(...((pair % 2 === 0 ? ['direct', 'server'] : ['server', 'direct']) as Route[]));
  progress(`server: the Defender path, ${order.length} rounds of ${perRound} requests at ${1000 / spacingMs}/s, direct and through the server alternately`);
  for (const [index, route] of order.entries()) {
    await places.simulator.advanceClock(hourAndASecond);
    const answered = await round(route, places, answerBytes);
    if (index >= 2 * warmupRounds) samples.push(...answered);
  }
  const direct = routeFigures(samples.filter((sample) => sample.route === 'direct'));
  const server = routeFigures(samples.filter((sample) => sample.route === 'server'));
  return {
    direct,
    server,
    addedMedianMs: server.medianMs - direct.medianMs,
    addedP95Ms: server.p95Ms - direct.p95Ms,
    roundsPerRoute: measuredRounds,
    requestsPerSecond: 1000 / spacingMs,
    listIds: listIds.length,
    answerBytes,
    realSeconds: Math.round((Date.now() - started) / 1000),
  };
}
