// `npm run start:mssp`: `npm start` as an MSSP's analyst sees it: the app against the simulator, watching
// the simulator's customers (Fabrikam and Northwind, where Dana has a Defender role; Tailspin Toys, where
// she has none) beside the home tenant, Contoso. The list is the build's `tenants` setting (VITE_TENANTS).
import { spawn } from 'node:child_process';
import { SIM_TENANTS } from '../sim/constants.ts';

const tenants = [SIM_TENANTS.home, SIM_TENANTS.fabrikam, SIM_TENANTS.northwind, SIM_TENANTS.tailspin].map(({ id, name }) => ({ id, name }));
console.log(`Watching ${tenants.map((tenant) => tenant.name).join(', ')} (sim/README.md, "Tenants"). Sign in as Dana Analyst.`);
const vite = spawn(process.execPath, ['node_modules/vite/bin/vite.js', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, VITE_TENANTS: JSON.stringify(tenants) },
});
const stop = () => vite.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
vite.on('exit', (code) => process.exit(code ?? 0));
