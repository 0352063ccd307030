import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, contentSecurityPolicyDirectives, headersForPath, securityHeaders } from './security-headers.ts';

const origins = { signIn: ['https://login.example'], api: ['https://api.example', 'https://eu.api.example'] };
const directives = contentSecurityPolicyDirectives(origins);

describe('contentSecurityPolicyDirectives', () => {
  it('runs only the app’s own scripts: no inline script, no eval', () => {
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['default-src']).toEqual(["'self'"]);
  });

  it('shuts plugins, <base> and framing by other sites', () => {
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['base-uri']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'self'"]);
  });

  it('connects to the app itself, the authority and the API, and nowhere else', () => {
    expect(directives['connect-src']).toEqual(["'self'", 'https://login.example', 'https://api.example', 'https://eu.api.example']);
  });

  it('lets MSAL frame and post to the authority only', () => {
    expect(directives['frame-src']).toEqual(["'self'", 'https://login.example']);
    expect(directives['form-action']).toEqual(["'self'", 'https://login.example']);
  });

  it('allows inline styles (Mantine injects <style>) and data: images, nothing wider', () => {
    expect(directives['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(directives['img-src']).toEqual(["'self'", 'data:']);
    const sources = Object.values(directives).flat();
    expect(sources).not.toContain('*');
    expect(sources).not.toContain("'unsafe-eval'");
    expect(sources.filter((source) => source.startsWith('http:'))).toEqual([]);
  });
});

describe('contentSecurityPolicy', () => {
  it('writes each directive once, separated by semicolons', () => {
    const policy = contentSecurityPolicy(origins);
    expect(policy).toMatch(/^default-src 'self'; script-src 'self'; /);
    expect(policy.split('; ')).toHaveLength(Object.keys(directives).length);
  });
});

describe('securityHeaders and headersForPath', () => {
  it('sends nosniff, no referrer, and denies powerful features but clipboard writes from the app', () => {
    const headers = securityHeaders(origins);
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(headers['Referrer-Policy']).toBe('no-referrer');
    const features = headers['Permissions-Policy'].split(', ');
    expect(features).toEqual(expect.arrayContaining(['camera=()', 'microphone=()', 'geolocation=()', 'payment=()', 'usb=()', 'clipboard-write=(self)']));
    expect(features.filter((feature) => !feature.endsWith('=()'))).toEqual(['clipboard-write=(self)']);
  });

  it('isolates the app’s pages from other windows, but not the redirect bridge', () => {
    for (const path of ['/', '/index.html', '/actions/11111111-1111-4111-8111-000000000001', '/config.json']) {
      expect(headersForPath(path, origins)['Cross-Origin-Opener-Policy']).toBe('same-origin');
    }
    const bridge = headersForPath('/redirect.html', origins);
    expect(bridge).not.toHaveProperty('Cross-Origin-Opener-Policy');
    expect(bridge['Content-Security-Policy']).toBe(contentSecurityPolicy(origins));
  });
});
