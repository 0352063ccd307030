import { CLIENT_ID, DEFENDER_RESOURCE, SIM_TENANTS, TENANT_ID, tenantIssuer } from './constants.ts';
import { demoAccounts } from './identity/accounts.ts';
import { seededActions } from './seed.ts';
import { startSimulator } from './server.ts';

/** Standalone: `npx tsx sim/main.ts`. */
const simulator = await startSimulator();

const lines = [
  'Defender simulator running (loopback only)',
  `  identity provider  ${simulator.identityUrl}   (${simulator.identityUrl}/.well-known/openid-configuration)`,
  `  Defender API       ${simulator.apiUrl}/api   (control: ${simulator.apiUrl}/_sim/health)`,
  `  client id ${CLIENT_ID}, tenant ${TENANT_ID}, resource ${DEFENDER_RESOURCE}`,
  `  demo users: ${Object.values(demoAccounts)
    .map((account) => `${account.login} (${account.upn})`)
    .join(', ')}`,
  `  tenants (one provider, each under its own path; the template for MSAL: ${simulator.identityUrl}/common/v2.0/.well-known/openid-configuration):`,
  ...Object.values(SIM_TENANTS).map((tenant) => `    ${tenant.name.padEnd(18)} ${tenantIssuer(simulator.identityUrl, tenant.id)}`),
  '  seeded machine actions (home tenant; the customers\' are customerActions in sim/seed.ts):',
  ...Object.entries(seededActions).map(([name, id]) => `    ${id}  ${name}`),
];
console.log(lines.join('\n'));

let stopping = false;
async function stop(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the simulator`);
  await simulator.close();
  process.exit(0);
}
process.once('SIGINT', (signal) => void stop(signal));
process.once('SIGTERM', (signal) => void stop(signal));
