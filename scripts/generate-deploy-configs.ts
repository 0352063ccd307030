// Writes the deployment configs in deploy/ from deploy/security-headers.ts; a unit test fails when they drift.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deployConfigs } from '../deploy/deploy-configs.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

for (const config of deployConfigs()) {
  writeFileSync(`${root}${config.path}`, config.text);
  console.log(`wrote ${config.path}`);
}
