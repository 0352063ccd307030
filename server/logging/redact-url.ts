/**
 * Query parameters whose values are secrets wherever they appear: a token someone put in a URL (the relay
 * refuses `?access_token=`, but the request is logged before it is refused), a code, a signature.
 */
const secretParameter = /token|secret|password|passwd|code|assertion|signature|sig$|key$|auth/i;

/** The request's URL as it is logged: its path, and its query with every secret value replaced. */
export function redactUrl(url: string): string {
  const queryAt = url.indexOf('?');
  if (queryAt < 0) return url;
  const redacted = url
    .slice(queryAt + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const rawName = equals < 0 ? pair : pair.slice(0, equals);
      let name: string;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      } catch {
        return '[unreadable]'; // a broken escape could hide anything: none of it is logged
      }
      return secretParameter.test(name) && equals >= 0 ? `${rawName}=[redacted]` : pair;
    })
    .join('&');
  return `${url.slice(0, queryAt)}?${redacted}`;
}
