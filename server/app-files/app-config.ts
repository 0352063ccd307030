import { clouds } from '../../core/defender/clouds';
import type { ServerSettings } from '../config/server-settings';
import type { CustomerTenant } from '../config/customer-tenants';

/** Where the team relay's routes are, on the app's own origin. */
export const relayPath = '/relay';

/**
 * The app's config.json, written from the server's environment: one build serves any tenant. The API is
 * this origin's Defender path, since Defender answers no browser's cross-origin call (API_BASE_URL may name
 * a Defender host instead, for direct calls: the app then diagnoses the refusal).
 */
export function appConfig(settings: ServerSettings): Record<string, string | CustomerTenant[]> {
  const config: Record<string, string | CustomerTenant[]> = { apiBaseUrl: settings.appApiBaseUrl };
  if (settings.signIn.mode === 'tenant') {
    config.cloud = settings.signIn.cloud;
    config.tenantId = settings.signIn.tenantId;
    config.clientId = settings.signIn.clientId;
  }
  if (settings.tokenResource !== clouds[settings.signIn.mode === 'tenant' ? settings.signIn.cloud : 'commercial'].tokenResource) {
    config.tokenResource = settings.tokenResource;
  }
  if (settings.relay) config.relayUrl = relayPath;
  if (settings.app.quotaShare !== undefined) config.quotaShare = settings.app.quotaShare;
  if (settings.app.analystsAtOnce !== undefined) config.analystsAtOnce = settings.app.analystsAtOnce;
  if (settings.app.signInCache !== undefined) config.signInCache = settings.app.signInCache;
  if (settings.tenants) config.tenants = settings.tenants;
  return config;
}
