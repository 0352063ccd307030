import { simulatorClient } from '../../sim/testing/simulator-client.ts';
import { workerPorts } from './worker-ports.ts';

/** This worker's simulator: support/app-server.ts starts it, with the app, on the worker's own ports. */
export const simulator = simulatorClient(workerPorts.api);

/**
 * For tests whose actions finish in seconds, far sooner than any in the seeded history: the history read
 * fails (as it may in a real tenant), so the app keeps the age-based pace (every 5 s while new) that these
 * tests' timings are built on. The history's own pace has its tests in expected-duration.spec.ts.
 */
export async function paceByAge(): Promise<void> {
  await simulator.injectFault({ status: 503, count: 10_000, match: 'type%20eq' });
}

/** A history read, which the tests of the polling leave out of their counts. */
export { isHistoryRead } from '../../sim/testing/logged-reads.ts';
