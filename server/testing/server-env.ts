import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { CLIENT_ID, DEFENDER_RESOURCE, nodeUrl, RELAY_CLIENT_ID, RELAY_CLIENT_SECRET, TENANT_ID } from '../../sim/constants';

export interface TestPlaces {
  /** Unset: a server without the relay. */
  redisUrl?: string;
  identityPort: number;
  apiPort: number;
}

/** The origin a test's requests say they come from, as a browser on the app's page would. */
export const testAppOrigin = 'http://localhost:5173';

let appDir: string | undefined;

/** A stand-in for the built app (its index.html and one asset), for tests of the server that need no real build. */
export function testAppDir(): string {
  if (appDir) return appDir;
  const dir = mkdtempSync(path.join(tmpdir(), 'maw-app-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Machine action watch</title><div id="root"></div>');
  writeFileSync(path.join(dir, 'redirect.html'), '<!doctype html><title>Signing in</title>');
  writeFileSync(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'assets', 'main-Ab12Cd34.js'), 'export {};');
  // The build's compressed copies (vite.config.ts) of one asset and of the page, as the build writes them.
  writeFileSync(path.join(dir, 'assets', 'main-Ab12Cd34.js.br'), brotliCompressSync('export {};'));
  writeFileSync(path.join(dir, 'assets', 'main-Ab12Cd34.js.gz'), gzipSync('export {};'));
  writeFileSync(path.join(dir, 'index.html.br'), brotliCompressSync(readFileSync(path.join(dir, 'index.html'))));
  appDir = dir;
  return dir;
}

/**
 * The server's environment against the simulator (and a test Redis when given), as an operator would write
 * it, with relay timings short enough for tests: leases of 1.5 s, a leader lease of 1 s, a heartbeat of 300 ms.
 */
export function serverEnv(places: TestPlaces, extra: Record<string, string> = {}): Record<string, string> {
  return {
    HOST: '127.0.0.1',
    PORT: '0',
    APP_DIR: testAppDir(),
    LOG_LEVEL: 'info',
    // Discovery through 127.0.0.1; the issuer it names (http://localhost:PORT) is the one tokens carry.
    SIMULATOR_IDENTITY_URL: nodeUrl(places.identityPort),
    DEFENDER_API_URL: nodeUrl(places.apiPort),
    TOKEN_RESOURCE: DEFENDER_RESOURCE,
    TENANT_ID,
    CLIENT_ID,
    DRAIN_MS: '0',
    ...(places.redisUrl
      ? {
          REDIS_URL: places.redisUrl,
          RELAY_CLIENT_ID,
          RELAY_CLIENT_SECRET,
          RELAY_LEASE_TTL_MS: '1500',
          RELAY_LEADER_TTL_MS: '1000',
          RELAY_HEARTBEAT_MS: '300',
          RELAY_DENIED_TTL_MS: '1000',
        }
      : {}),
    ...extra,
  };
}
