// `npm run bench:size`: just the first-load size, for quick checks while working on the bundle.
import { benchOutDir, buildForBench } from './bench-server.ts';
import { measureFirstLoad } from './first-load.ts';

await buildForBench();
const firstLoad = measureFirstLoad(benchOutDir);
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
console.log(`first-load JS  gzip ${kib(firstLoad.js.gzip)}  brotli ${kib(firstLoad.js.brotli)}  raw ${kib(firstLoad.js.raw)}`);
console.log(`first-load CSS gzip ${kib(firstLoad.css.gzip)}  brotli ${kib(firstLoad.css.brotli)}  raw ${kib(firstLoad.css.raw)}`);
console.log(`files: ${firstLoad.files.join(', ')}`);
for (const pkg of firstLoad.packages.slice(0, 10)) console.log(`  ${pkg.name.padEnd(28)} ${kib(pkg.bytes)}`);
