import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Guid } from '../lib/guid';
import { deviceActionsUrl, machineActionsByIdUrl, machineActionUrl } from './defender-urls';

const allowed = /^https:\/\/api\.securitycenter\.microsoft\.com\/api\/machineactions\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('machineActionUrl', () => {
  it('builds the documented path', () => {
    expect(machineActionUrl('https://api.securitycenter.microsoft.com', '5F1C3A9E-2B7D-4E8F-9A6B-1C2D3E4F5A6B' as Guid)).toBe(
      'https://api.securitycenter.microsoft.com/api/machineactions/5f1c3a9e-2b7d-4e8f-9a6b-1c2d3e4f5a6b',
    );
  });

  it('matches the allowed pattern for any input, or refuses it', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.uuid(), fc.uuid().map((u) => `${u}/../../machines`), fc.uuid().map((u) => `${u}?$top=1`)), (input) => {
        let url: string | undefined;
        try {
          url = machineActionUrl('https://api.securitycenter.microsoft.com', input as Guid);
        } catch (error) {
          expect(error).toBeInstanceOf(TypeError);
          return;
        }
        expect(url).toMatch(allowed);
      }),
    );
  });
});

describe('list URLs', () => {
  const base = 'https://api.securitycenter.microsoft.com';
  const listPattern = /^https:\/\/api\.securitycenter\.microsoft\.com\/api\/machineactions\?\$filter=[A-Za-z0-9%'()*._~!-]+(&\$orderby=creationDateTimeUtc%20desc&\$top=\d+)?$/;

  it('reads many actions by id in one filter', () => {
    const url = machineActionsByIdUrl(base, ['5F1C3A9E-2B7D-4E8F-9A6B-1C2D3E4F5A6B', '11111111-1111-4111-8111-000000000001'] as Guid[]);
    expect(decodeURIComponent(url)).toBe(`${base}/api/machineactions?$filter=id in ('5f1c3a9e-2b7d-4e8f-9a6b-1c2d3e4f5a6b','11111111-1111-4111-8111-000000000001')`);
  });

  it('lists the newest actions of a device', () => {
    expect(deviceActionsUrl(base, 'A3F1C9E27B5D48F0916C2E7D4B8A05F3C1D9E6B2')).toBe(
      `${base}/api/machineactions?$filter=machineId%20eq%20'a3f1c9e27b5d48f0916c2e7d4b8a05f3c1d9e6b2'&$orderby=creationDateTimeUtc%20desc&$top=10`,
    );
  });

  it('matches the allowed pattern for any input, or refuses it', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.uuid(), fc.string()), { maxLength: 5 }), fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF'), minLength: 40, maxLength: 40 })), (ids, machineId) => {
        for (const build of [() => machineActionsByIdUrl(base, ids as Guid[]), () => deviceActionsUrl(base, machineId)]) {
          let url: string;
          try {
            url = build();
          } catch (error) {
            expect(error).toBeInstanceOf(TypeError);
            continue;
          }
          expect(url).toMatch(listPattern);
        }
      }),
    );
  });
});
