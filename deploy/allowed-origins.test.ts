import { describe, expect, it } from 'vitest';
import { clouds } from '../core/defender/clouds.ts';
import { combineOrigins, deploymentOrigins, sameOriginApiOrigins, simulatorOrigins } from './allowed-origins.ts';

describe('deploymentOrigins', () => {
  const origins = deploymentOrigins();

  it('signs in at every cloud’s login host, once each', () => {
    expect(origins.signIn).toEqual(['https://login.microsoftonline.com', 'https://login.microsoftonline.us']);
  });

  it('reaches every cloud’s API host and the documented geo hosts, all over https', () => {
    for (const cloud of Object.values(clouds)) expect(origins.api).toContain(cloud.apiBaseUrl);
    expect(origins.api).toEqual(
      expect.arrayContaining([
        'https://api.security.microsoft.com',
        'https://eu.api.security.microsoft.com',
        'https://ina.api.security.microsoft.com',
        'https://api-uk.securitycenter.microsoft.com',
      ]),
    );
    expect(origins.api).toHaveLength(new Set(origins.api).size);
    expect([...origins.signIn, ...origins.api].every((origin) => origin.startsWith('https://'))).toBe(true);
  });
});

describe('sameOriginApiOrigins', () => {
  it('signs in at the cloud’s own login host and reaches no Defender host (the API is on the page’s origin)', () => {
    expect(sameOriginApiOrigins('commercial')).toEqual({ signIn: ['https://login.microsoftonline.com'], api: [] });
    expect(sameOriginApiOrigins('gcc')).toEqual({ signIn: ['https://login.microsoftonline.com'], api: [] });
    expect(sameOriginApiOrigins('gcc-high')).toEqual({ signIn: ['https://login.microsoftonline.us'], api: [] });
    expect(sameOriginApiOrigins('dod')).toEqual({ signIn: ['https://login.microsoftonline.us'], api: [] });
  });
});

describe('simulatorOrigins and combineOrigins', () => {
  it('keeps origins only (no path), without repeats', () => {
    const simulator = simulatorOrigins({ identityUrl: 'http://localhost:6010/', apiUrl: 'http://localhost:6020/api' });
    expect(simulator).toEqual({ signIn: ['http://localhost:6010'], api: ['http://localhost:6020'] });
    expect(combineOrigins(simulator, simulator)).toEqual(simulator);
  });
});
