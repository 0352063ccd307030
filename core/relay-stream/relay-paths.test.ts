import { describe, expect, it } from 'vitest';
import { readRelayError, relayPath, tenantNotServedCode } from './relay-paths';

describe("the relay's paths", () => {
  it("keeps the home tenant's paths as they were, and gives every tenant its own", () => {
    expect(relayPath('watch')).toBe('/v1/watch');
    expect(relayPath('stream')).toBe('/v1/stream');
    expect(relayPath('stream', '8a1c4f2e-3b5d-4e6f-9a7b-1c2d3e4f5a61')).toBe('/v1/t/8a1c4f2e-3b5d-4e6f-9a7b-1c2d3e4f5a61/stream');
  });

  it('reads a refusal, and nothing that is not one', () => {
    expect(readRelayError({ error: { code: tenantNotServedCode, message: 'not served' } })).toEqual({ code: tenantNotServedCode, message: 'not served' });
    expect(readRelayError({ error: 'no' })).toBeUndefined();
    expect(readRelayError(undefined)).toBeUndefined();
  });
});
