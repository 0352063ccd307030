export interface Route<Handler> {
  readonly method: string;
  /** Matched against the whole path; capture groups become `params`. */
  readonly pattern: RegExp;
  readonly handler: Handler;
}

export type RouteMatch<Handler> =
  | { readonly kind: 'found'; readonly handler: Handler; readonly params: string[] }
  | { readonly kind: 'method-not-allowed'; readonly allowed: string[] }
  | { readonly kind: 'not-found' };

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function matchRoute<Handler>(
  routes: readonly Route<Handler>[],
  method: string,
  path: string,
): RouteMatch<Handler> {
  const allowed: string[] = [];
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (match === null) continue;
    if (route.method === method) return { kind: 'found', handler: route.handler, params: match.slice(1).map(decode) };
    allowed.push(route.method);
  }
  return allowed.length > 0 ? { kind: 'method-not-allowed', allowed } : { kind: 'not-found' };
}
