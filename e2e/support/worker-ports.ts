// Each Playwright worker runs its own app server and simulator on ports of its own, so tests in different
// workers never share state. E2E_PORT_BASE moves them all (4300 by default), so that the suite can run
// beside `npm start`, a benchmark or another run of the suite.

const portBase = Number(process.env.E2E_PORT_BASE ?? 4300);
/** Ports a worker may use; the next worker's start this many above. */
const portsPerWorker = 10;

export interface WorkerPorts {
  /** The app: the production build, served by Vite's preview server. */
  app: number;
  /** The simulator's identity provider (the issuer, http://localhost:PORT). */
  identity: number;
  /** The simulator's Defender API and its control API (/_sim). */
  api: number;
  /** A team relay the relay tests start; the app's Content-Security-Policy names it. */
  relay: number;
}

export function portsOfWorker(parallelIndex: number): WorkerPorts {
  const first = portBase + parallelIndex * portsPerWorker;
  return { app: first, identity: first + 1, api: first + 2, relay: first + 3 };
}

/**
 * This worker's ports. Playwright sets TEST_PARALLEL_INDEX in each worker process (0 to workers - 1); a
 * worker that replaces a failed one gets the same index, and so the same ports once the old one has let go.
 */
export const workerPorts: WorkerPorts = portsOfWorker(Number(process.env.TEST_PARALLEL_INDEX ?? 0));
