import { describe, expect, it } from 'vitest';
import { cloudNames, clouds } from '../core/defender/clouds.ts';
import { actionHistoryUrl } from '../core/defender/history-url.ts';
import { machineActionsByIdUrl, machineActionUrl } from '../core/defender/defender-urls.ts';
import type { Guid } from '../core/lib/guid.ts';
import { defenderPath as serverDefenderPath } from '../server/config/server-settings.ts';
import { allowedOptions, checkDefenderQuery } from '../server/defender-path/defender-query.ts';
import { nginxConfig } from './nginx-config.ts';
import {
  bearerPattern,
  defenderPath,
  defenderQueryOptions,
  defenderUpstream,
  locationPattern,
  pathVariable,
  queryPattern,
  rawPathPattern,
} from './nginx-defender-path.ts';

const id = '11111111-1111-4111-8111-000000000001' as Guid;
const lines = (config: string) => config.split('\n').map((line) => line.trim());
/** The Defender location's directives. */
function apiLocation(config: string): string[] {
  const start = config.indexOf(`location ~ "^${defenderPath}`);
  return lines(config.slice(start, config.indexOf('\n    }\n', start)));
}
const queryOf = (url: string) => url.slice(url.indexOf('?') + 1);

describe.each(cloudNames)('the nginx config for %s', (cloud) => {
  const config = nginxConfig({ cloud });
  const api = apiLocation(config);
  const { hostname } = new URL(clouds[cloud].apiBaseUrl);

  it("calls that cloud's Defender host, and only it, over verified TLS", () => {
    expect(config).toMatch(new RegExp(`upstream machine_action_watch_defender \\{\\s+server ${hostname.replace(/\./g, '\\.')}:443;\\s+keepalive \\d+;\\s+\\}`));
    expect(api).toContain(`proxy_set_header Host ${hostname};`);
    expect(api).toEqual(expect.arrayContaining([
      'proxy_ssl_server_name on;',
      `proxy_ssl_name ${hostname};`,
      'proxy_ssl_verify on;',
      'proxy_ssl_trusted_certificate /etc/ssl/certs/ca-certificates.crt;',
    ]));
    const otherHosts = Object.values(clouds).map((other) => new URL(other.apiBaseUrl).hostname).filter((other) => other !== hostname);
    for (const other of otherHosts) expect(config).not.toContain(other);
  });

  it('takes no host from the request: a fixed upstream, no resolver, no request header but the token', () => {
    expect(config.match(/proxy_pass .*/g)).toEqual([`proxy_pass https://machine_action_watch_defender$${pathVariable}$is_args$args;`]);
    for (const variable of ['$host', '$http_host', '$server_name', '$request_uri;', '$uri;', '$proxy_host']) expect(api.join('\n')).not.toContain(variable);
    expect(config).not.toMatch(/^\s*resolver\s/m);
    expect([...new Set(config.match(/\$http_[a-z_]+/g))]).toEqual(['$http_authorization']);
    // The capture the path is built from: the two API paths, nothing else.
    expect(locationPattern).toContain(`(?<${pathVariable}>/api/machineactions(?:/`);
  });

  it('answers GET only: every other method a 405 naming GET (not limit_except, which gives 403)', () => {
    expect(config).toMatch(/if \(\$request_method != GET\) \{\s+return 405 '\{"error":\{"code":"MethodNotAllowed"/);
    expect(config).not.toContain('limit_except');
    expect(config).toMatch(/map "\$status:\$uri" \$machine_action_watch_allow \{\s+"~\^405:\/defender-api\/" "GET";\s+default "";/);
    expect(config).toContain('add_header Allow $machine_action_watch_allow always;');
  });

  it("passes the analyst's token and nothing else of theirs", () => {
    expect(api).toContain('proxy_pass_request_headers off;');
    expect(api).toContain('proxy_pass_request_body off;');
    const set = api.filter((line) => line.startsWith('proxy_set_header ')).map((line) => line.replace(/;$/, '').split(' ').slice(1));
    expect(Object.fromEntries(set.map(([name, ...value]) => [name, value.join(' ')]))).toEqual({
      Host: hostname,
      Connection: '""',
      'Content-Length': '""',
      'Transfer-Encoding': '""',
      Authorization: '$http_authorization',
      Accept: '"application/json"',
      'User-Agent': '"machine-action-watch-nginx"',
      Cookie: '""',
      'X-Forwarded-For': '""',
      'X-Real-IP': '""',
      Forwarded: '""',
    });
  });

  it("keeps Defender's cookies, redirects and the server's own headers from the browser, and follows no redirect", () => {
    for (const name of ['Set-Cookie', 'Location', 'Refresh', 'Cache-Control', 'Content-Security-Policy', 'Strict-Transport-Security', 'X-Powered-By']) {
      expect(api).toContain(`proxy_hide_header ${name};`);
    }
    expect(api).toContain('proxy_redirect off;');
    expect(api).toContain('proxy_intercept_errors off;');
    expect(api.find((line) => line.startsWith('proxy_ignore_headers'))).toContain('X-Accel-Redirect');
  });

  it('bounds the wait for Defender and what one answer holds, and caps the reads per address', () => {
    expect(api).toEqual(expect.arrayContaining([
      'proxy_connect_timeout 5s;',
      'proxy_read_timeout 20s;',
      'proxy_send_timeout 20s;',
      'proxy_buffering on;',
      'proxy_max_temp_file_size 16m;',
    ]));
    expect(config).toMatch(/limit_req_zone \$binary_remote_addr zone=machine_action_watch_defender:1m rate=120r\/m;/);
    expect(api).toContain('limit_req_status 429;');
  });

  it("refuses a bad path, a missing token or a foreign query before calling Defender, in Defender's error shape", () => {
    const refusals = api.filter((line) => line.startsWith('return ')).map((line) => Number(line.split(' ')[1]));
    expect(refusals).toEqual([400, 405, 401, 400]);
    const proxyAt = api.findIndex((line) => line.startsWith('proxy_pass '));
    expect(api.findLastIndex((line) => line.startsWith('return '))).toBeLessThan(proxyAt);
    for (const body of config.match(/return \d+ '[^']*'/g) ?? []) expect(() => JSON.parse(body.replace(/^return \d+ '|'$/g, ''))).not.toThrow();
    expect(config).toMatch(new RegExp(`location = ${defenderPath} \\{\\s+default_type application/json;\\s+return 404 `));
    expect(config).toMatch(new RegExp(`location ${defenderPath}/ \\{\\s+default_type application/json;\\s+return 404 `));
  });

  it('never lets an API answer be cached, and names no Defender host in the policy (the API is same-origin)', () => {
    expect(config).toMatch(/map "\$status:\$uri" \$machine_action_watch_cache_control \{\s+"~\^\[0-9\]\+:\/defender-api\(\?:\/\|\$\)" "no-store";/);
    const policy = /add_header Content-Security-Policy "([^"]+)"/.exec(config)?.[1] ?? '';
    expect(policy).toContain(`connect-src 'self' ${clouds[cloud].loginHost};`);
    expect(policy).not.toMatch(/api[.-]|securitycenter/);
  });
});

describe('nginxConfig', () => {
  it('can name another host of the cloud, such as a geo host, and refuses anything but an https origin', () => {
    expect(nginxConfig({ cloud: 'commercial', defenderOrigin: 'https://eu.api.security.microsoft.com' })).toContain('server eu.api.security.microsoft.com:443;');
    for (const origin of ['http://api.securitycenter.microsoft.com', 'https://api.securitycenter.microsoft.com/api', 'https://user@api.example', 'ftp://api.example']) {
      expect(() => defenderUpstream(origin), origin).toThrow();
    }
    expect(defenderUpstream('http://127.0.0.1:6020')).toEqual({ scheme: 'http', hostname: '127.0.0.1', port: 6020, host: '127.0.0.1:6020' });
  });
});

describe('the Defender path’s patterns, against the Node server’s rules', () => {
  it('serves the same path and OData options as the Node server', () => {
    expect(defenderPath).toBe(serverDefenderPath);
    expect(defenderQueryOptions.map((name) => `$${name}`)).toEqual([...allowedOptions]);
    // PCRE2 refuses a capture name longer than 32 characters (nginx would not start).
    expect(pathVariable.length).toBeLessThanOrEqual(32);
  });

  it('routes exactly the list and a GUID, case and all', () => {
    const location = new RegExp(locationPattern);
    for (const path of [`${defenderPath}/api/machineactions`, `${defenderPath}/api/machineactions/${id}`, `${defenderPath}/api/machineactions/${id.toUpperCase()}`]) {
      expect(location.exec(path)?.groups?.[pathVariable], path).toBe(path.slice(defenderPath.length));
    }
    for (const path of [
      `${defenderPath}/api/machineactions/`,
      `${defenderPath}/api/MachineActions`,
      `${defenderPath}/api/machineactions/${id}/GetPackageUri`,
      `${defenderPath}/api/machineactions/${id.replace(/-/g, '')}`,
      `${defenderPath}/api/machines`,
      `${defenderPath}/api/machineactions/not-a-guid`,
      `${defenderPath}x/api/machineactions`,
    ]) {
      expect(location.test(path), path).toBe(false);
    }
  });

  it('takes the request target only as the app writes it: no encoding trick, dot segment or empty segment', () => {
    const raw = new RegExp(rawPathPattern);
    for (const target of [machineActionUrl(defenderPath, id), machineActionsByIdUrl(defenderPath, [id]), `${defenderPath}/api/machineactions`]) {
      expect(raw.test(target), target).toBe(true);
    }
    for (const target of [
      `${defenderPath}/api/machineactions/..%2f..%2fmachines`,
      `${defenderPath}/api/machineactions/x/..`,
      `${defenderPath}//api/machineactions`,
      `${defenderPath}/api/machine%61ctions`,
      `${defenderPath}/api/machineactions%3f%24filter=x`,
      `http://evil.example${defenderPath}/api/machineactions`,
    ]) {
      expect(raw.test(target), target).toBe(false);
    }
  });

  it('passes and refuses the same queries as the Node server', () => {
    const query = new RegExp(queryPattern);
    const appQueries = [
      queryOf(machineActionsByIdUrl(defenderPath, [id, id.replace(/1$/, '2') as Guid])),
      queryOf(machineActionsByIdUrl(defenderPath, [id, id.replace(/1$/, '2') as Guid], 'or')),
      queryOf(actionHistoryUrl(defenderPath, 'Isolate', new Date('2026-11-01T00:00:00Z'))),
      '$filter=id%20eq%20%27a%27&$skip=200',
    ];
    const others = [
      '', '%24filter=x', '$filter', '$filter=a=b', '$filter=a+b', '$filter=%20', '$top=10&$skip=20&$orderby=creationDateTimeUtc%20desc&$filter=a',
      '$filter=a&$filter=b', '$filter=x&$top=1&%24filter=y', '$top=1&$top', '$expand=machine', 'api-version=2', '$format=xml', '$Filter=a', '$filterx=1',
      '$filter=%zz', '$filter=%2', '$filter=100%', '$filter=a&&$top=1', '$filter=a&', '&$filter=a',
      '$filter=id%20eq%20%27a%27%0d%0aX-Injected:%201', '$filter=%7f', '$filter=%7F', '$filter=%1F', '$filter=%00',
    ];
    for (const raw of [...appQueries, ...others]) expect(query.test(raw), raw).toBe(checkDefenderQuery(raw).ok);
    for (const raw of appQueries) expect(query.test(raw), raw).toBe(true);
    // The one known difference: nginx cannot tell whether percent-encoded bytes are UTF-8; Defender refuses them.
    expect(checkDefenderQuery('$filter=%ff').ok).toBe(false);
    expect(query.test('$filter=%ff')).toBe(true);
  });

  it('asks for a bearer token as the Node server does', () => {
    const bearer = new RegExp(bearerPattern);
    const node = /^Bearer [A-Za-z0-9\-_.~+/]+=*$/;
    for (const header of ['Bearer abc.def-ghi_jkl~+/==', 'Bearer ', 'Basic dXNlcjpwYXNz', 'bearer abc', 'Bearer a b', 'Bearer abc=d', '', 'Bearer abc\r\nX: 1']) {
      expect(bearer.test(header), header).toBe(node.test(header));
    }
  });
});
