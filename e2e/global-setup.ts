import { execFileSync } from 'node:child_process';
import { e2eOutDir, e2eServerOutDir } from './support/app-server.ts';

/**
 * Builds the app and its server once for every worker: the suite tests the production build, served by the
 * production server (support/app-server.ts), which each worker starts with a simulator of its own.
 */
export default function globalSetup(): void {
  const vite = 'node_modules/vite/bin/vite.js';
  execFileSync(process.execPath, [vite, 'build', '--outDir', e2eOutDir, '--emptyOutDir', '--logLevel', 'warn'], { stdio: 'inherit' });
  execFileSync(process.execPath, [vite, 'build', '--config', 'vite.server.config.ts', '--outDir', e2eServerOutDir, '--emptyOutDir', '--logLevel', 'warn'], { stdio: 'inherit' });
}
