import { DEFAULT_API_PORT } from '../../sim/constants.ts';
import { simulatorClient } from '../../sim/testing/simulator-client.ts';

/** The simulator the suite runs against: playwright.config.ts starts it, with the app, on SIM_API_PORT. */
export const simulator = simulatorClient(Number(process.env.SIM_API_PORT ?? DEFAULT_API_PORT));
