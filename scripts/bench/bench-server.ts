// Builds the app and serves it with the simulator on ports of its own, so a benchmark can run beside the
// dev server or the test suite.
import { build, preview, type PreviewServer } from 'vite';

export const benchPorts = { app: 8173, identity: 8010, api: 8020 } as const;
export const benchOutDir = 'dist-bench';
export const appUrl = `http://localhost:${benchPorts.app}`;
export const simControlUrl = `http://127.0.0.1:${benchPorts.api}/_sim`;

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

export async function resetSimulator(): Promise<void> {
  const response = await fetch(`${simControlUrl}/reset`, { method: 'POST' });
  if (!response.ok) throw new Error(`simulator reset answered ${response.status}`);
}
