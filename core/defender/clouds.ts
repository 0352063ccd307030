/**
 * Where each Microsoft cloud signs users in and serves the Defender API.
 * Facts from Defender's "Microsoft Defender for Endpoint for US Government customers" and API pages.
 */
export type CloudName = 'commercial' | 'gcc' | 'gcc-high' | 'dod';

export interface Cloud {
  readonly label: string;
  /** Sign-in host; the tenant is appended as the path. */
  readonly loginHost: string;
  readonly apiBaseUrl: string;
  /** The resource whose `Machine.Read` scope the token is requested for. */
  readonly tokenResource: string;
  /** Defender portal; a device's page is `${portalUrl}/machines/{machineId}`. */
  readonly portalUrl: string;
}

export const clouds: Readonly<Record<CloudName, Cloud>> = {
  commercial: {
    label: 'Commercial',
    loginHost: 'https://login.microsoftonline.com',
    apiBaseUrl: 'https://api.securitycenter.microsoft.com',
    tokenResource: 'https://api.securitycenter.microsoft.com',
    portalUrl: 'https://security.microsoft.com',
  },
  gcc: {
    label: 'GCC',
    loginHost: 'https://login.microsoftonline.com',
    apiBaseUrl: 'https://api-gcc.securitycenter.microsoft.us',
    tokenResource: 'https://api-gcc.securitycenter.microsoft.us',
    portalUrl: 'https://security.microsoft.com',
  },
  'gcc-high': {
    label: 'GCC High',
    loginHost: 'https://login.microsoftonline.us',
    apiBaseUrl: 'https://api-gov.securitycenter.microsoft.us',
    tokenResource: 'https://api-gov.securitycenter.microsoft.us',
    portalUrl: 'https://security.microsoft.us',
  },
  dod: {
    label: 'DoD',
    loginHost: 'https://login.microsoftonline.us',
    apiBaseUrl: 'https://api-gov.securitycenter.microsoft.us',
    tokenResource: 'https://api-gov.securitycenter.microsoft.us',
    portalUrl: 'https://security.apps.mil',
  },
};

export const cloudNames = Object.keys(clouds) as CloudName[];

/** Every portal host the app may link to: a device link never points anywhere else. */
export const portalHosts: ReadonlySet<string> = new Set(Object.values(clouds).map((cloud) => new URL(cloud.portalUrl).host));
