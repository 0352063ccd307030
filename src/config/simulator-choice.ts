import * as v from 'valibot';

/** Where the simulator's identity provider is (its Defender API is reached through the app's own origin). */
export interface SimulatorEndpoints {
  identityUrl: string;
}

/**
 * The simulators an app with no tenant could sign in at: the one the server that served it says it runs
 * (`/simulator.json`: `npm start`, `npm run preview`, the app's server with SIMULATOR_IDENTITY_URL), and the
 * build's own address (VITE_SIMULATOR_IDENTITY_URL), for a `simulator` setting of `true` on a server that says nothing.
 */
export interface SimulatorOffer {
  served: SimulatorEndpoints | undefined;
  builtIn: SimulatorEndpoints;
}

/** The `simulator` setting: `true` asks for the simulator, `false` refuses it, unset follows the server. */
export type SimulatorSetting = 'asked' | 'refused' | 'unset';

const simulatorSettingSchema = v.picklist(['true', 'false']);

/** The setting's value as read from config.json or VITE_SIMULATOR; undefined when it is neither true nor false. */
export function readSimulatorSetting(value: string | undefined): SimulatorSetting | undefined {
  const trimmed = value?.trim().toLowerCase() ?? '';
  if (trimmed === '') return 'unset';
  const read = v.safeParse(simulatorSettingSchema, trimmed);
  if (!read.success) return undefined;
  return read.output === 'true' ? 'asked' : 'refused';
}

/**
 * Whether to ask the server for its simulator at all: never for a tenant's deployment (a request the
 * tenant's logs need not see), nor when the setting refuses the simulator.
 */
export function asksServerForSimulator(settings: { tenantId?: string; simulator?: string }): boolean {
  return !settings.tenantId?.trim() && readSimulatorSetting(settings.simulator) !== 'refused';
}

/**
 * The simulator an app with no tenant signs in at, or undefined: then it is unconfigured, and says what to
 * set. A build is never quietly pointed at a simulator that nothing said was there.
 */
export function chooseSimulator(setting: SimulatorSetting, offer: SimulatorOffer): SimulatorEndpoints | undefined {
  if (setting === 'refused') return undefined;
  if (setting === 'asked') return offer.served ?? offer.builtIn;
  return offer.served;
}
