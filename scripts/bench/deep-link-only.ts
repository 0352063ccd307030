// `npm run bench:deep-link`: only the deep-link timing, for quick checks while working on start-up.
import { appUrl, buildForBench, resetSimulator, serveBench } from './bench-server.ts';
import { timeToStatus } from './deep-link.ts';

await buildForBench();
const server = await serveBench();
try {
  await resetSimulator();
  const { medianMs, samplesMs, fromAnotherSite } = await timeToStatus(appUrl);
  console.log(`deep link to status, from a page of the app: median ${medianMs} ms (samples ${samplesMs.join(', ')})`);
  console.log(`from another site's page: median ${fromAnotherSite.medianMs} ms (samples ${fromAnotherSite.samplesMs.join(', ')})`);
} finally {
  await server.close();
}
