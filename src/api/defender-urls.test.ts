import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Guid } from '../lib/guid';
import { machineActionUrl } from './defender-urls';

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
