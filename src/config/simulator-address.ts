import * as v from 'valibot';
import type { SimulatorEndpoints } from './simulator-choice';

// The simulator's servers (`npm start`, `npm run preview`, each end-to-end worker's) answer
// `/simulator.json` with where it listens, so that one build runs against a simulator on any ports.
const addressSchema = v.object({
  identityUrl: v.pipe(v.string(), v.url()),
});

/** The simulator's address from `/simulator.json`'s text, or undefined when the text is not one. */
export function readSimulatorAddress(text: string): SimulatorEndpoints | undefined {
  try {
    const read = v.safeParse(addressSchema, JSON.parse(text));
    return read.success ? read.output : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Asks the server that served the app where its simulator is. A server without one (a 404, an SPA
 * fallback's HTML, no answer) runs none: undefined.
 */
export async function discoverSimulator(fetchImpl: typeof fetch, baseUrl: string): Promise<SimulatorEndpoints | undefined> {
  try {
    const response = await fetchImpl(`${baseUrl}simulator.json`, { cache: 'no-store' });
    const isJson = response.headers.get('content-type')?.includes('application/json') ?? false;
    if (!response.ok || !isJson) return undefined;
    return readSimulatorAddress(await response.text());
  } catch {
    return undefined;
  }
}
