import { execFileSync } from 'node:child_process';
import { e2eOutDir } from './support/app-server.ts';

/**
 * Builds the app once for every worker: the suite tests the production build. Each worker then serves it
 * with a simulator of its own (support/app-server.ts), which the build finds at run time.
 */
export default function globalSetup(): void {
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--outDir', e2eOutDir, '--emptyOutDir', '--logLevel', 'warn'], { stdio: 'inherit' });
}
