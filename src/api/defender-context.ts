import { requiredContext } from '../lib/required-context';
import type { DefenderClient } from '../../core/defender/defender-client';

/** The one Defender client, created at start-up (app/main.tsx) with the token source it calls before each request. */
export const [DefenderProvider, useDefender] = requiredContext<DefenderClient>('useDefender');
