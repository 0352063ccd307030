// `npm run start:team`: the team set-up on one machine, against the simulator: Redis, the simulator, and two
// replicas of the app's server (the app, the Defender path and the relay in each) behind a round-robin load
// balancer on the app's origin. It builds the app first. Ctrl-C stops all of it.
import { execFileSync } from 'node:child_process';
import { seededActions } from '../../sim/seed';
import { startLoadBalancer, type RunningLoadBalancer } from './load-balancer';
import { answers, untilReady } from './ready';
import { tsxService, type Service } from './service';
import { appOrigin, replicaEnv, simulatorEnv, teamPorts } from './team-places';
import { teamRedis, type TeamRedis } from './team-redis';

const ports = teamPorts(process.env);
/** Started so far, in order: stopped in reverse, so the relays release their lease while Redis is still there. */
const services: Service[] = [];
let balancer: RunningLoadBalancer | undefined;
let stopping: Promise<void> | undefined;

function stopAll(exitCode: number): Promise<void> {
  stopping ??= (async () => {
    await balancer?.close();
    for (const service of [...services].reverse()) await service.stop();
    if (services.length > 0) console.log('Team set-up stopped.');
    process.exit(exitCode);
  })();
  return stopping;
}

/**
 * A service that dies on its own takes the set-up down (half of it running would mislead), but for a relay
 * replica while another is left: replicas are there to be lost, and the load balancer skips a stopped one.
 */
function started(service: Service, siblings: Service[] = []): Service {
  services.push(service);
  void service.exited.then((code) => {
    if (stopping !== undefined) return;
    const others = siblings.filter((sibling) => sibling !== service && !sibling.hasExited());
    if (others.length > 0) {
      console.error(`\n${service.name} exited (code ${String(code)}): the load balancer skips it; ${others.map((other) => other.name).join(', ')} carries on`);
      return;
    }
    console.error(`\n${service.name} exited (code ${String(code)}): stopping the team set-up`);
    void stopAll(1);
  });
  return service;
}

async function startSimulator(): Promise<void> {
  const simulator = started(tsxService('sim', 'sim/main.ts', simulatorEnv(ports)));
  await untilReady(simulator, answers(`http://127.0.0.1:${ports.api}/_sim/health`));
}

async function startReplicas(redis: TeamRedis): Promise<string[]> {
  const siblings: Service[] = [];
  const replicas = ports.replicas.map((port, index) => {
    const service = started(tsxService(`server-${index + 1}`, 'server/main.ts', replicaEnv(ports, redis.url, port)), siblings);
    siblings.push(service);
    return { port, service };
  });
  const urls = replicas.map(({ port }) => `http://127.0.0.1:${port}`);
  await Promise.all(replicas.map(({ service }, index) => untilReady(service, answers(`${urls[index]}/readyz`))));
  return urls;
}

function buildApp(): void {
  console.log('Building the app (vite build)…');
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
}

function printSummary(redis: TeamRedis, replicas: string[]): void {
  const board = `${appOrigin(ports)}/board#ids=${[seededActions.pendingIsolation, seededActions.runningAntivirusScan, seededActions.branchOfficeScan].join(',')}`;
  console.log(
    [
      '',
      'Team set-up running (Ctrl-C stops all of it)',
      `  app                ${appOrigin(ports)}   (the load balancer, round robin over the replicas; try ${board})`,
      ...replicas.map((url, index) => `  server replica ${index + 1}   ${url}   (${url}/readyz; the relay at ${url}/relay)`),
      `  Redis              ${redis.shown}${redis.service ? '   (no persistence)' : '   (REDIS_URL, not started here)'}`,
      `  identity provider  http://localhost:${ports.identity}`,
      `  Defender API       http://localhost:${ports.api}   (control: http://127.0.0.1:${ports.api}/_sim/health)`,
      '  sign in as Dana Analyst (analyst), and in another browser profile as Robin Branch (branch),',
      '  who sees only the Branch Office device group',
      '',
    ].join('\n'),
  );
}

async function main(): Promise<void> {
  buildApp();
  const redis = await teamRedis(process.env.REDIS_URL);
  if (redis.service) started(redis.service);
  await startSimulator();
  const replicas = await startReplicas(redis);
  balancer = await startLoadBalancer({ upstreams: replicas, port: ports.app });
  printSummary(redis, replicas);
}

let firstSignalAt = 0;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping === undefined) {
      firstSignalAt = Date.now();
      console.log(`\n${signal}: stopping the team set-up`);
      void stopAll(0);
      return;
    }
    // One Ctrl-C can arrive twice: from the terminal and relayed by the tsx CLI that runs this script.
    if (Date.now() - firstSignalAt < 1_000) return;
    // Asked again: no more waiting, but still nothing left behind.
    console.log(`\n${signal} again: killing what is left`);
    for (const service of services) service.stop(0).catch(() => undefined);
    setTimeout(() => process.exit(130), 500);
  });
}

try {
  await main();
} catch (error) {
  console.error(`start:team: ${(error as Error).message}`);
  await stopAll(1);
}
