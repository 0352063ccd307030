/**
 * The Defender path (`/defender-api/`) in nginx: what server/defender-path/ does in the app's own server, as
 * far as stock nginx can. Not an open proxy: two fixed paths, GET only, the app's OData options only, the
 * analyst's token and nothing else of theirs; the host called is written into the file, never read from a
 * request. Every header is still added at server level (deploy/nginx-config.ts): what differs on this path
 * comes from maps, so no location here has an add_header of its own (which would drop the server's).
 *
 * What nginx cannot do as the Node server does, and what it does instead:
 * - the rate limit is per client address as nginx sees it, not per analyst (nginx cannot hash the token,
 *   and keeping tokens as keys in shared memory is worse): behind one TLS terminator, one bucket for all;
 * - there is no cap on an answer's total size or time: `proxy_max_temp_file_size` and the buffers bound what
 *   one answer holds on disk and in memory (past them nginx passes the rest on as it reads it), and
 *   `proxy_read_timeout` bounds each wait for Defender, not the whole answer;
 * - Defender's answer headers are passed but for a list hidden here (nginx has no allow-list of headers);
 * - a redirect from Defender reaches the browser as its status without its Location (so nothing follows it),
 *   not as a 502;
 * - the action ID is passed as the request wrote it (nginx cannot lower-case it; the app sends it lower-case);
 * - a query value with percent-encoded bytes that are not UTF-8 goes on to Defender (which refuses it);
 * - the query's length is bounded by nginx's request line (`large_client_header_buffers`, 8 KiB by default:
 *   longer is a 414), not by 8,192 characters of query;
 * - a token longer than a header buffer (8 KiB by default) is refused by nginx with a 400, not 401.
 */

/** The same-origin path config.json names as `apiBaseUrl` (server/config/server-settings.ts: the same). */
export const defenderPath = '/defender-api';

/** The OData options the app sends and Defender's nextLinks carry (server/defender-path/defender-query.ts). */
export const defenderQueryOptions = ['filter', 'top', 'skip', 'orderby'] as const;

/** Per client address: the Node server's default per analyst; Defender's own limit is 100 a minute per tenant and app. */
export const defenderRequestsPerMinute = 120;
const defenderBurst = 60;
export const defenderTimeoutSeconds = 20;
/** What one answer may hold in nginx's temporary file (the Node server's API_MAX_RESPONSE_BYTES, 16 MiB). */
const maxTempFile = '16m';

const hex = (count: number) => `[0-9a-fA-F]{${count}}`;
const guid = [hex(8), hex(4), hex(4), hex(4), hex(12)].join('-');
const apiPath = `/api/machineactions(?:/${guid})?`;

/** The raw request target ($request_uri) must spell one of the two paths exactly: no encoded or dot segment, no `//`. */
export const rawPathPattern = `^${defenderPath}${apiPath}(?:[?]|$)`;

/** The location: the path as nginx decoded and normalised it; the capture is the path Defender is asked for. */
// PCRE2 allows a capture name of at most 32 characters.
export const pathVariable = 'machine_action_watch_api_path';
export const locationPattern = `^${defenderPath}(?<${pathVariable}>${apiPath})$`;

/** The analyst's token, as the Node server checks it before calling Defender. */
export const bearerPattern = '^Bearer [A-Za-z0-9._~+/-]+=*$';

const optionName = '(?:[$]|%24)';
// Any byte but a separator, or a percent-encoding that is not a control character (%00–%1F, %7F).
const valueByte = `(?:[^&%]|%(?![01]|7[fF])${hex(2)})`;
const option = `${optionName}(?:${defenderQueryOptions.join('|')})(?:=${valueByte}*)?`;
const notTwice = (name: string) => `(?!(?:[^&]*&)*${optionName}${name}(?:=[^&]*)?&(?:[^&]*&)*${optionName}${name}(?:[=&]|$))`;

/** The raw query ($args): only the app's options, each once, well encoded, without control characters. */
const queryRule = `${defenderQueryOptions.map(notTwice).join('')}(?:${option}(?:&${option})*)?$`;
export const queryPattern = `^${queryRule}`;
// nginx tries no regular expression on an empty value (a map gives its default): a prefix makes none empty.
const queryPrefix = 'query:';

/** A regular expression as a double-quoted nginx word: nginx expands no variable in a map's source values. */
function pattern(value: string): string {
  if (/["\\\r\n]/.test(value)) throw new Error(`Cannot write ${JSON.stringify(value)} as an nginx pattern.`);
  return `"${value}"`;
}

/** A literal value: no `$` (nginx would read a variable), quote, backslash or line break. */
function literal(value: string): string {
  if (/["$\\\r\n;{}\s]/.test(value)) throw new Error(`Cannot write ${JSON.stringify(value)} as a bare nginx value.`);
  return value;
}

/** The body of a refusal the server itself gives, in Defender's error shape (as the Node server's). */
function problem(code: string, message: string): string {
  const body = JSON.stringify({ error: { code, message } });
  if (/['$\\\r\n]/.test(body)) throw new Error(`Cannot write ${JSON.stringify(body)} into an nginx return.`);
  return `'${body}'`;
}

/** Where the path's reads go: Defender's origin, fixed when the file is generated. */
export interface DefenderUpstream {
  readonly scheme: 'https' | 'http';
  /** Host name, sent as Host and as TLS server name. */
  readonly hostname: string;
  readonly port: number;
  /** The Host header: the host name, with the port if it is not the scheme's default. */
  readonly host: string;
}

/** An https origin (a Defender host); plain http only for a local stand-in in tests, as the Node server allows. */
export function defenderUpstream(origin: string): DefenderUpstream {
  const url = new URL(origin);
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.origin !== origin.replace(/\/$/, '') || !(url.protocol === 'https:' || (url.protocol === 'http:' && local))) {
    throw new Error(`The Defender host must be an https origin (plain http only on localhost), not ${JSON.stringify(origin)}.`);
  }
  const scheme = url.protocol === 'https:' ? 'https' : 'http';
  return { scheme, hostname: literal(url.hostname), port: Number(url.port || (scheme === 'https' ? 443 : 80)), host: literal(url.host) };
}

export const upstreamName = 'machine_action_watch_defender';
const limitZone = 'machine_action_watch_defender';

/** For the http block, beside the config's other maps: the path's checks, its rate limit and its one upstream. */
export function defenderHttpLines(upstream: DefenderUpstream): string[] {
  return [
    `# The Defender path (${defenderPath}/): its checks, from fixed patterns; "1" passes.`,
    '# The request target as sent: encoded dots or slashes, dot segments and empty segments are refused (400).',
    'map $request_uri $machine_action_watch_defender_raw_path {',
    `    ${pattern(`~${rawPathPattern}`)} 1;`,
    '    default 0;',
    '}',
    '',
    `# The query as sent: only ${defenderQueryOptions.map((name) => `$${name}`).join(', ')}, each once, without control characters; it goes on unchanged.`,
    `map "${queryPrefix}$args" $machine_action_watch_defender_query {`,
    `    ${pattern(`~^${queryPrefix}${queryRule}`)} 1;`,
    '    default 0;',
    '}',
    '',
    '# A bearer token, unverified (Defender verifies it): without one, a 401 and no call.',
    'map $http_authorization $machine_action_watch_bearer {',
    `    ${pattern(`~${bearerPattern}`)} 1;`,
    '    default 0;',
    '}',
    '',
    `# Headers the server adds to the path's own answers only (an empty value adds no header).`,
    'map "$status:$uri" $machine_action_watch_allow {',
    `    ${pattern(`~^405:${defenderPath}/`)} "GET";`,
    '    default "";',
    '}',
    'map "$status:$uri" $machine_action_watch_www_authenticate {',
    `    ${pattern(`~^401:${defenderPath}/`)} "Bearer";`,
    '    default "";',
    '}',
    "# Only on this server's own 429 (no upstream status): Defender's 429 carries its own Retry-After.",
    'map "$status:$upstream_status:$uri" $machine_action_watch_retry_after {',
    `    ${pattern(`~^429::${defenderPath}/`)} "1";`,
    '    default "";',
    '}',
    '',
    '# Per client address as nginx sees it (behind a TLS terminator, its address: one bucket for everyone).',
    `limit_req_zone $binary_remote_addr zone=${limitZone}:1m rate=${defenderRequestsPerMinute}r/m;`,
    '',
    "# Defender's host, looked up when nginx starts or reloads (it does not start if the name does not resolve).",
    '# Nothing in a request names another host.',
    `upstream ${upstreamName} {`,
    `    server ${upstream.hostname}:${upstream.port};`,
    '    keepalive 8;',
    '}',
  ];
}

/** For the server block, beside its other add_header lines: values from the maps above, empty elsewhere. */
export const defenderHeaderLines = [
  '    add_header Allow $machine_action_watch_allow always;',
  '    add_header WWW-Authenticate $machine_action_watch_www_authenticate always;',
  '    add_header Retry-After $machine_action_watch_retry_after always;',
];

/**
 * Defender's answer headers kept from the browser: its cookies, redirects, and every header the server adds
 * itself (which would otherwise come twice). Besides these, nginx hides Date, Server and X-Accel-* by default.
 */
export function hiddenDefenderHeaders(serverHeaders: readonly string[]): string[] {
  const own = ['Cache-Control', 'Allow', 'WWW-Authenticate', ...serverHeaders];
  const foreign = [
    'Set-Cookie', 'Location', 'Refresh', 'Expires', 'Pragma', 'Strict-Transport-Security', 'Alt-Svc', 'X-Frame-Options',
    'Access-Control-Allow-Origin', 'Access-Control-Allow-Credentials', 'X-Powered-By', 'X-AspNet-Version',
  ];
  return [...new Set([...own, ...foreign])];
}

const errorLocation = (suffix: string) => `@machine_action_watch_defender_${suffix}`;

/** The server block's locations for the path. `serverHeaders`: every header name the server block adds. */
export function defenderLocationLines(upstream: DefenderUpstream, serverHeaders: readonly string[]): string[] {
  const notFound = problem('NotFound', `No such path on this server: the Defender path serves GET ${defenderPath}/api/machineactions and ${defenderPath}/api/machineactions/<id> only.`);
  const refusal = (status: number, code: string, message: string) => [
    `    location ${errorLocation(String(status))} {`,
    '        default_type application/json;',
    `        return ${status} ${problem(code, message)};`,
    '    }',
  ];
  return [
    `    # The Defender path: GET ${defenderPath}/api/machineactions[/<GUID>] only, passed to ${upstream.scheme}://${upstream.host}.`,
    `    # Any other path under ${defenderPath} is a 404, never the app's page.`,
    `    location = ${defenderPath} {`,
    '        default_type application/json;',
    `        return 404 ${notFound};`,
    '    }',
    `    location ${defenderPath}/ {`,
    '        default_type application/json;',
    `        return 404 ${notFound};`,
    '    }',
    '',
    `    location ~ ${pattern(locationPattern)} {`,
    '        default_type application/json;',
    '        # Refused here, in this order, without calling Defender (only `return` inside these ifs).',
    '        if ($machine_action_watch_defender_raw_path = 0) {',
    `            return 400 ${problem('InvalidPath', 'Encoded characters, dot segments and empty segments are not accepted in the Defender path.')};`,
    '        }',
    '        if ($request_method != GET) {',
    `            return 405 ${problem('MethodNotAllowed', 'The Defender path is read-only: GET only.')};`,
    '        }',
    '        if ($machine_action_watch_bearer = 0) {',
    `            return 401 ${problem('Unauthorized', 'Send the Defender access token as Authorization: Bearer <token>.')};`,
    '        }',
    '        if ($machine_action_watch_defender_query = 0) {',
    `            return 400 ${problem('InvalidRequest', `The query holds an option this server does not pass on (only ${defenderQueryOptions.join(', ')}, each once), a broken percent-encoding or a control character.`)};`,
    '        }',
    `        limit_req zone=${limitZone} burst=${defenderBurst} nodelay;`,
    '        limit_req_status 429;',
    '',
    "        # This server's own failures answer in Defender's error shape; Defender's own statuses and bodies pass as they are.",
    '        proxy_intercept_errors off;',
    `        error_page 429 = ${errorLocation('429')};`,
    `        error_page 502 = ${errorLocation('502')};`,
    `        error_page 504 = ${errorLocation('504')};`,
    '',
    '        # The host is fixed; only the checked path and query come from the request.',
    `        proxy_pass ${upstream.scheme}://${upstreamName}$${pathVariable}$is_args$args;`,
    '        proxy_http_version 1.1;',
    `        proxy_set_header Host ${upstream.host};`,
    '        proxy_set_header Connection "";',
    "        # The analyst's token and nothing else of theirs: no request header passes unless named here.",
    '        proxy_pass_request_headers off;',
    '        proxy_pass_request_body off;',
    "        # Without these, nginx would announce the body it no longer sends, and the next read on the connection would be its 'body'.",
    '        proxy_set_header Content-Length "";',
    '        proxy_set_header Transfer-Encoding "";',
    '        proxy_set_header Authorization $http_authorization;',
    '        proxy_set_header Accept "application/json";',
    '        proxy_set_header User-Agent "machine-action-watch-nginx";',
    '        # Cleared as well, so that passing request headers again could not leak them.',
    '        proxy_set_header Cookie "";',
    '        proxy_set_header X-Forwarded-For "";',
    '        proxy_set_header X-Real-IP "";',
    '        proxy_set_header Forwarded "";',
    '',
    `        # TLS to Defender, its certificate checked for ${upstream.hostname} against the system's CAs (this is the bundle's`,
    '        # path on Debian, Ubuntu and Alpine; on RHEL and its kin, /etc/pki/tls/certs/ca-bundle.crt).',
    '        proxy_ssl_server_name on;',
    `        proxy_ssl_name ${upstream.hostname};`,
    '        proxy_ssl_verify on;',
    '        proxy_ssl_verify_depth 4;',
    '        proxy_ssl_trusted_certificate /etc/ssl/certs/ca-certificates.crt;',
    '        proxy_ssl_protocols TLSv1.2 TLSv1.3;',
    '',
    "        # No redirect is followed: nginx never does, and without Location the browser cannot (it would carry the token).",
    '        proxy_redirect off;',
    '        proxy_ignore_headers X-Accel-Redirect X-Accel-Expires X-Accel-Limit-Rate X-Accel-Buffering X-Accel-Charset;',
    ...hiddenDefenderHeaders(serverHeaders).map((name) => `        proxy_hide_header ${literal(name)};`),
    '',
    '        # Bounded: each wait for Defender, and what one answer holds in memory and on disk.',
    '        proxy_connect_timeout 5s;',
    `        proxy_send_timeout ${defenderTimeoutSeconds}s;`,
    `        proxy_read_timeout ${defenderTimeoutSeconds}s;`,
    '        proxy_next_upstream error timeout;',
    '        proxy_next_upstream_tries 2;',
    `        proxy_next_upstream_timeout ${defenderTimeoutSeconds}s;`,
    '        proxy_buffering on;',
    '        proxy_buffer_size 16k;',
    '        proxy_buffers 16 16k;',
    `        proxy_max_temp_file_size ${maxTempFile};`,
    '    }',
    '',
    ...refusal(429, 'TooManyRequests', 'Too many Defender reads from this address through the server; wait and try again.'),
    ...refusal(502, 'UpstreamUnreachable', 'Defender could not be reached from the server, or its answer could not be read.'),
    ...refusal(504, 'UpstreamTimeout', `Defender did not answer within ${defenderTimeoutSeconds} s.`),
  ];
}
