/**
 * What passes between the analyst's browser and Defender, each way. Everything else stays behind: the
 * analyst's cookies, their address, the hop-by-hop headers; Defender's cookies.
 */

/** Defender's answer headers the browser is given (besides the server's own): the error's retry time and correlation ids. */
const passedBack = ['content-type', 'retry-after', 'request-id', 'client-request-id', 'x-ms-request-id', 'x-ms-correlation-request-id', 'x-correlation-id'];

/** The request to Defender: the analyst's token, and nothing else of theirs. */
export function headersToDefender(authorization: string): Record<string, string> {
  return { authorization, accept: 'application/json', 'user-agent': 'machine-action-watch-server' };
}

/** The headers of Defender's answer that reach the browser. */
export function headersFromDefender(headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of passedBack) {
    const value = headers.get(name);
    if (value !== null && value.length <= 256) kept[name] = value;
  }
  return kept;
}
