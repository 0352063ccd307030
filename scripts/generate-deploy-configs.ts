// Writes the deployment configs in deploy/ from deploy/security-headers.ts and the generators beside it; a unit
// test fails when they drift. A file left in deploy/nginx/ that is no longer generated (a cloud gone) is removed.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deployConfigs } from '../deploy/deploy-configs.ts';
import { nginxConfigFolder } from '../deploy/nginx-config.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const configs = deployConfigs();

for (const config of configs) {
  mkdirSync(path.dirname(`${root}${config.path}`), { recursive: true });
  writeFileSync(`${root}${config.path}`, config.text);
  console.log(`wrote ${config.path}`);
}

const written = new Set(configs.map((config) => config.path));
for (const name of readdirSync(`${root}${nginxConfigFolder}`)) {
  const stale = `${nginxConfigFolder}/${name}`;
  if (written.has(stale)) continue;
  rmSync(`${root}${stale}`);
  console.log(`removed ${stale}`);
}
