// `npm run bench:deep-link`: only the deep-link timing, for quick checks while working on start-up.
import { appUrl, buildForBench, resetSimulator, serveBench } from './bench-server.ts';
import { timeToStatus } from './deep-link.ts';

await buildForBench();
const server = await serveBench();
try {
  await resetSimulator();
  const { medianMs, samplesMs } = await timeToStatus(appUrl);
  console.log(`deep link to status: median ${medianMs} ms (samples ${samplesMs.join(', ')})`);
} finally {
  await server.close();
}
