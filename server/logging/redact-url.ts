/**
 * Query parameters whose values are secrets wherever they appear: a token someone put in a URL (the relay
 * refuses `?access_token=`, but the request is logged before it is refused), a code, a signature.
 */
const secretParameter = /token|secret|password|passwd|code|assertion|signature|sig$|key$|auth/i;

/** Anything shaped like a JWT (a token put where no one expected one: a path, an innocent-looking option). */
// The dot between a JWT's parts as it may arrive: plain, percent-encoded, or encoded twice (%252e).
const jwtShaped = /eyJ[A-Za-z0-9_-]*(?:\.|%2e|%252e)[A-Za-z0-9_-]+(?:(?:\.|%2e|%252e)[A-Za-z0-9_-]*)?/gi;

/**
 * The request's URL as it is logged: every JWT-shaped run replaced wherever it is, and in the query every
 * value whose name looks secret (options split on `&` and `;`).
 */
export function redactUrl(url: string): string {
  const shapeless = url.replace(jwtShaped, '[redacted]');
  const queryAt = shapeless.indexOf('?');
  if (queryAt < 0) return shapeless;
  const redacted = shapeless
    .slice(queryAt + 1)
    .split(/[&;]/)
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
  return `${shapeless.slice(0, queryAt)}?${redacted}`;
}
