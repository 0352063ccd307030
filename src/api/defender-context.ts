import type { TokenRequest } from '../../core/defender/defender-client';
import type { TenantSettings } from '../config/settings';
import { requiredContext } from '../lib/required-context';

/**
 * What the Defender clients are made from: the tenants, and the token source each tenant's client calls
 * before each request. Only this is on the first load; the clients themselves (defenders.ts) come with the
 * pages and the poller that call Defender, none of which the start page's first paint needs.
 */
export interface DefenderSetup {
  tenants: readonly TenantSettings[];
  getAccessToken: (tenant: TenantSettings, request: TokenRequest) => Promise<string>;
  /** The page's origin (`location.origin`): a refused cross-origin call is told from a network fault. */
  pageOrigin?: string;
  isOnline?: () => boolean;
  /** Tests only: the fake Defender's fetch. */
  fetch?: typeof fetch;
}

export const [DefenderProvider, useDefenderSetup] = requiredContext<DefenderSetup>('useDefenderSetup');
