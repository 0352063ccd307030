import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Guid } from '../lib/guid';
import { actionsRequestedByUrl, deviceActionsUrl, encodedIdFilterLength, idFilter, machineActionsByIdUrl, machineActionUrl, ownListPageUrl } from './defender-urls';

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

  it("reads many actions by id with an `or` chain, XSOAR's shape", () => {
    const url = machineActionsByIdUrl(base, ['5F1C3A9E-2B7D-4E8F-9A6B-1C2D3E4F5A6B', '11111111-1111-4111-8111-000000000001'] as Guid[], 'or');
    expect(decodeURIComponent(url)).toBe(`${base}/api/machineactions?$filter=id eq '5f1c3a9e-2b7d-4e8f-9a6b-1c2d3e4f5a6b' or id eq '11111111-1111-4111-8111-000000000001'`);
  });

  it('measures a filter as the URL carries it', () => {
    const ids = ['5f1c3a9e-2b7d-4e8f-9a6b-1c2d3e4f5a6b', '11111111-1111-4111-8111-000000000001'] as Guid[];
    for (const kind of ['in', 'or'] as const) {
      const url = machineActionsByIdUrl(base, ids, kind);
      // What the browser sends: parsing the URL as fetch does changes nothing in it.
      expect(new URL(url).href).toBe(url);
      expect(encodedIdFilterLength(kind, ids)).toBe(new URL(url).search.length - '?$filter='.length);
    }
    expect(() => idFilter('or', ["x' or 1 eq 1 or id eq 'y" as Guid])).toThrow(TypeError);
  });

  it('lists the newest actions of a device', () => {
    expect(deviceActionsUrl(base, 'A3F1C9E27B5D48F0916C2E7D4B8A05F3C1D9E6B2')).toBe(
      `${base}/api/machineactions?$filter=machineId%20eq%20%27a3f1c9e27b5d48f0916c2e7d4b8a05f3c1d9e6b2%27&$orderby=creationDateTimeUtc%20desc&$top=10`,
    );
  });

  it('matches the allowed pattern for any input, or refuses it', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.uuid(), fc.string()), { maxLength: 5 }), fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF'), minLength: 40, maxLength: 40 })), (ids, machineId) => {
        for (const build of [() => machineActionsByIdUrl(base, ids as Guid[]), () => machineActionsByIdUrl(base, ids as Guid[], 'or'), () => deviceActionsUrl(base, machineId)]) {
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

describe('actionsRequestedByUrl', () => {
  const since = new Date('2026-11-30T09:00:00.000Z');

  it('filters on the requestor and the creation time, newest first', () => {
    const url = new URL(actionsRequestedByUrl('https://api.securitycenter.microsoft.com', 'dana.analyst@contoso.example', since));
    expect(url.searchParams.get('$filter')).toBe("requestor eq 'dana.analyst@contoso.example' and creationDateTimeUtc ge 2026-11-30T09:00:00.000Z");
    expect(url.searchParams.get('$orderby')).toBe('creationDateTimeUtc desc');
    expect(url.searchParams.get('$top')).toBe('50');
  });

  it("doubles a quote in the name, so that it cannot end the filter's string", () => {
    const url = new URL(actionsRequestedByUrl('https://api.securitycenter.microsoft.com', "o'brien' or 1 eq 1 or 'x", since));
    expect(url.searchParams.get('$filter')).toBe("requestor eq 'o''brien'' or 1 eq 1 or ''x' and creationDateTimeUtc ge 2026-11-30T09:00:00.000Z");
  });

  it.each(['', '   ', 'a'.repeat(300), 'line\nbreak'])('refuses %j as a requestor', (requestor) => {
    expect(() => actionsRequestedByUrl('https://api.securitycenter.microsoft.com', requestor, since)).toThrow(TypeError);
  });
});

describe('ownListPageUrl: which nextLinks may carry the token', () => {
  const base = 'https://api.securitycenter.microsoft.com';
  const page = `${base}/api/machineactions?$filter=id%20in%20(%27a%27)&$skip=2`;

  it.each<[string, string, string, string | undefined]>([
    ["the API's own list path", base, page, page],
    ['the path in another case, with a trailing slash', base, `${base}/API/MachineActions/?$skip=2`, `${base}/API/MachineActions/?$skip=2`],
    ['a relative link, resolved against the list path', base, '?$skip=2', `${base}/api/machineactions?$skip=2`],
    ['a fragment is dropped', base, `${base}/api/machineactions?$skip=2#x`, `${base}/api/machineactions?$skip=2`],
    ['behind a same-origin proxy path', 'https://app.contoso.example/defender', 'https://app.contoso.example/defender/api/machineactions?$skip=2', 'https://app.contoso.example/defender/api/machineactions?$skip=2'],
    ['another host', base, 'https://api.security.microsoft.com/api/machineactions?$skip=2', undefined],
    ['a look-alike host', base, 'https://api.securitycenter.microsoft.com.evil.example/api/machineactions', undefined],
    ['another port', base, 'https://api.securitycenter.microsoft.com:8443/api/machineactions', undefined],
    ['plain http', base, 'http://api.securitycenter.microsoft.com/api/machineactions', undefined],
    ['another path', base, `${base}/api/machines?$skip=2`, undefined],
    ['a path that only starts the same', base, `${base}/api/machineactions/5f1c3a9e-2b7d-4e8f-9a6b-1c2d3e4f5a6b`, undefined],
    ['a way out of a proxy path', 'https://app.contoso.example/defender', 'https://app.contoso.example/api/machineactions', undefined],
    ["behind the app's own origin: Defender's own link, read on the app's path", '/defender-api', 'https://api.securitycenter.microsoft.com/api/machineactions?$skip=2', '/defender-api/api/machineactions?$skip=2'],
    ["behind the app's own origin: a link relative to it", '/defender-api', '?$skip=2', '/defender-api/api/machineactions?$skip=2'],
    ["behind the app's own origin: a link already on its path", '/defender-api', '/defender-api/api/machineactions?$skip=4', '/defender-api/api/machineactions?$skip=4'],
    ["behind the app's own origin: the simulator's link, named after the host it was asked on", '/defender-api', 'http://localhost:4300/api/machineactions?$skip=2', '/defender-api/api/machineactions?$skip=2'],
    ["behind the app's own origin: a javascript: URL", '/defender-api', 'javascript:/api/machineactions', undefined],
    ["behind the app's own origin: another path", '/defender-api', 'https://api.securitycenter.microsoft.com/api/machines?$skip=2', undefined],
    ["behind the app's own origin: credentials", '/defender-api', 'https://user:secret@api.securitycenter.microsoft.com/api/machineactions', undefined],
    ['credentials in the URL', base, 'https://user:secret@api.securitycenter.microsoft.com/api/machineactions', undefined],
    ['a protocol-relative link elsewhere', base, '//evil.example/api/machineactions', undefined],
    ['not a URL at all', base, 'http://[', undefined],
    ['a javascript: URL', base, 'javascript:alert(1)', undefined],
  ])('%s', (_, apiBase, link, expected) => {
    expect(ownListPageUrl(apiBase, link)).toBe(expected);
  });

  it("behind the app's own origin, never returns anything but its own list path, with a query", () => {
    fc.assert(
      fc.property(fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.string()), (link) => {
        const url = ownListPageUrl('/defender-api', link);
        if (url === undefined) return;
        expect(url).toMatch(/^\/defender-api\/api\/machineactions(\?[^#]*)?$/);
      }),
    );
  });

  it('never returns a URL off the list path of the API', () => {
    fc.assert(
      fc.property(fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.string()), (link) => {
        const url = ownListPageUrl(base, link);
        if (url === undefined) return;
        const parsed = new URL(url);
        expect(parsed.origin).toBe(base);
        expect(parsed.pathname.replace(/\/+$/, '').toLowerCase()).toBe('/api/machineactions');
      }),
    );
  });
});
