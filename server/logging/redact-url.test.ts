import { describe, expect, it } from 'vitest';
import { redactUrl } from './redact-url';

describe('redactUrl', () => {
  it('keeps paths and harmless options, and replaces every secret-looking value', () => {
    expect(redactUrl('/defender-api/api/machineactions?$filter=id%20eq%20%27a%27&$top=5')).toBe('/defender-api/api/machineactions?$filter=id%20eq%20%27a%27&$top=5');
    expect(redactUrl('/relay/v1/stream?access_token=eyJ.x.y&code=abc&client_secret=s&sig=1&api-key=k')).toBe(
      '/relay/v1/stream?access_token=[redacted]&code=[redacted]&client_secret=[redacted]&sig=[redacted]&api-key=[redacted]',
    );
    expect(redactUrl('/x?Access%5FToken=eyJ.x.y')).toBe('/x?Access%5FToken=[redacted]');
  });

  it('logs none of a query it cannot read', () => {
    expect(redactUrl('/x?%E0%A4%A=eyJ.x.y')).toBe('/x?[unreadable]');
  });

  it('replaces a JWT wherever it is: in a path, under an innocent name, after a semicolon', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJvaWQiOiJkYW5hIn0.c2lnbmF0dXJl';
    expect(redactUrl(`/relay/v1/stream/${jwt}`)).toBe('/relay/v1/stream/[redacted]');
    expect(redactUrl(`/x?t=${jwt}&state=${jwt}`)).toBe('/x?t=[redacted]&state=[redacted]');
    expect(redactUrl(`/x?a=1;access_token=abc`)).toBe('/x?a=1&access_token=[redacted]');
    expect(redactUrl(`/x?$filter=id%20eq%20'${jwt.replace(/\./g, '%2E')}'`)).not.toContain('eyJvaWQ');
    // Encoded twice (%252e for the dots): still a token, never logged.
    expect(redactUrl(`/x/${jwt.replace(/\./g, '%252e')}`)).toBe('/x/[redacted]');
  });
});
