// Builds the app and serves it with the simulator on ports of its own, so a benchmark can run beside the
// dev server or the test suite.
import { build, preview, type PreviewServer } from 'vite';
import { SAME_ORIGIN_API_PATH } from '../../../sim/constants.ts';
import { simulatorClient, type SimulatorClient } from '../../../sim/testing/simulator-client.ts';

// BENCH_PORT_BASE moves all three ports (8173, 8010, 8020 by default), so two benchmarks can run at once.
const portBase = Number(process.env.BENCH_PORT_BASE ?? 8000);
export const benchPorts = { app: portBase + 173, identity: portBase + 10, api: portBase + 20 } as const;
export const benchOutDir = process.env.BENCH_OUT_DIR ?? 'dist-bench';

/** Where a benchmark finds the app, the Defender API (as the page calls it) and the simulator's control API. */
export interface BenchTarget {
  appUrl: string;
  apiBaseUrl: string;
  simulator: SimulatorClient;
}

/** The addresses as the browser benchmarks take them; the page calls the API on its own origin, as deployed. */
export const benchTarget: BenchTarget = {
  appUrl: `http://localhost:${benchPorts.app}`,
  apiBaseUrl: `http://localhost:${benchPorts.app}${SAME_ORIGIN_API_PATH}`,
  simulator: simulatorClient(benchPorts.api),
};

function useBenchEnvironment(): void {
  process.env.SIM_IDENTITY_PORT = String(benchPorts.identity);
  process.env.SIM_API_PORT = String(benchPorts.api);
  process.env.VITE_SIMULATOR_IDENTITY_URL = `http://localhost:${benchPorts.identity}`;
  process.env.VITE_SIMULATOR_API_URL = `http://localhost:${benchPorts.api}`;
}

/** A production build with a manifest (to find the first-load chunks) and source maps (to name packages). */
export async function buildForBench(): Promise<void> {
  useBenchEnvironment();
  await build({ logLevel: 'warn', build: { outDir: benchOutDir, emptyOutDir: true, manifest: true, sourcemap: 'hidden' } });
}

export async function serveBench(): Promise<PreviewServer> {
  useBenchEnvironment();
  return preview({ logLevel: 'warn', build: { outDir: benchOutDir }, preview: { port: benchPorts.app, strictPort: true } });
}
