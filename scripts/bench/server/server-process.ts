// The app's server in a process of its own, for the server benchmark (benchmark.ts): `node --expose-gc
// --import tsx scripts/bench/server/server-process.ts`, its environment as JSON in BENCH_SERVER_ENV. A
// child process, so that its memory is its own (not the benchmark's 1,000 stream readers') and its event
// loop is not the load generator's. It answers the parent over IPC: its memory after a full GC, and its
// CPU time and event-loop delay since the last `reset-stats`.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startTestServer } from '../../../server/testing/test-server.ts';
import type { ChildReply, ChildRequest } from './server-child.ts';

const env = JSON.parse(process.env.BENCH_SERVER_ENV ?? '{}') as Record<string, string>;
const running = await startTestServer(env);
// The histogram holds each timer's whole interval (the resolution and its lateness): the lateness is reported.
const resolutionMs = 2;
const loopDelay = monitorEventLoopDelay({ resolution: resolutionMs });
loopDelay.enable();
let cpuSince = process.cpuUsage();
let statsSince = performance.now();

const lateness = (nanoseconds: number) => Math.max(0, nanoseconds / 1e6 - resolutionMs);
const send = (reply: ChildReply) => process.send?.(reply);
const collect = () => new Promise((resolve) => setImmediate(resolve));

process.on('message', (message: ChildRequest) => {
  void (async () => {
    switch (message.type) {
      case 'memory': {
        // Twice, with a turn of the loop between: weak callbacks and finalizers run after the first.
        for (let pass = 0; pass < 2; pass += 1) {
          (globalThis as { gc?: () => void }).gc?.();
          await collect();
        }
        const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
        send({ type: 'memory', memory: { rss, heapUsed, heapTotal, external, arrayBuffers }, leading: running.isLeading() });
        return;
      }
      case 'reset-stats':
        loopDelay.reset();
        cpuSince = process.cpuUsage();
        statsSince = performance.now();
        send({ type: 'stats-reset' });
        return;
      case 'stats': {
        const cpu = process.cpuUsage(cpuSince);
        send({
          type: 'stats',
          stats: {
            wallMs: performance.now() - statsSince,
            cpuMs: (cpu.user + cpu.system) / 1000,
            loopDelayP50Ms: lateness(loopDelay.percentile(50)),
            loopDelayP99Ms: lateness(loopDelay.percentile(99)),
            loopDelayMaxMs: lateness(loopDelay.max),
          },
        });
        return;
      }
      case 'close':
        await running.close();
        send({ type: 'closed' });
        process.exit(0);
    }
  })();
});

send({ type: 'ready', origin: running.origin, leading: running.isLeading() });
