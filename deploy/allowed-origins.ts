import { clouds, type CloudName } from '../core/defender/clouds.ts';

/** The origins, besides its own, that the app must reach; each an `https://host` or `http://localhost:port`. */
export interface AllowedOrigins {
  /** MSAL's authority: discovery and token requests, silent-renewal iframes, sign-in and sign-out redirects. */
  readonly signIn: readonly string[];
  /** The Defender API the app polls. */
  readonly api: readonly string[];
}

// Geo hosts Defender documents beside each cloud's default one: config.json's apiBaseUrl may name any of them.
const documentedApiOrigins = [
  'https://api.security.microsoft.com',
  ...['us', 'eu', 'uk', 'au', 'swa', 'ina'].map((geo) => `https://${geo}.api.security.microsoft.com`),
  ...['us', 'eu', 'uk', 'au'].map((geo) => `https://api-${geo}.securitycenter.microsoft.com`),
];

function distinctOrigins(urls: readonly string[]): string[] {
  return [...new Set(urls.map((url) => new URL(url).origin))];
}

/**
 * What a shipped deployment config allows: config.json picks the cloud (and maybe a geo host) at deployment
 * time, so every cloud's hosts are allowed. A same-origin API proxy path is covered by 'self'.
 */
export function deploymentOrigins(): AllowedOrigins {
  const allClouds = Object.values(clouds);
  return {
    signIn: distinctOrigins(allClouds.map((cloud) => cloud.loginHost)),
    api: distinctOrigins([...allClouds.map((cloud) => cloud.apiBaseUrl), ...documentedApiOrigins]),
  };
}

/**
 * What a deployment for one cloud allows when it serves the Defender API under its own origin (the per-cloud
 * nginx configs, like the app's own server): that cloud's sign-in host only. The API path is covered by 'self'.
 */
export function sameOriginApiOrigins(cloud: CloudName): AllowedOrigins {
  return { signIn: distinctOrigins([clouds[cloud].loginHost]), api: [] };
}

/** The simulator's identity provider and Defender API, as the browser reaches them. */
export function simulatorOrigins(simulator: { identityUrl: string; apiUrl: string }): AllowedOrigins {
  return { signIn: distinctOrigins([simulator.identityUrl]), api: distinctOrigins([simulator.apiUrl]) };
}

export function combineOrigins(...sets: readonly AllowedOrigins[]): AllowedOrigins {
  return {
    signIn: distinctOrigins(sets.flatMap((set) => set.signIn)),
    api: distinctOrigins(sets.flatMap((set) => set.api)),
  };
}
