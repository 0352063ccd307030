// Serves the last benchmark build (dist-bench) with the simulator on the benchmark's ports until stopped:
// for the README screenshot (APP_URL=http://localhost:8173 npx tsx scripts/screenshot.ts).
import { benchTarget, serveBench } from './bench/harness/bench-server.ts';

const server = await serveBench();
console.log(`serving on ${benchTarget.appUrl}`);
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
