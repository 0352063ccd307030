/** Node may resolve `localhost` to ::1 first; the browser-facing URLs are fetched through 127.0.0.1. */
export function forNode(url: string): string {
  const parsed = new URL(url);
  if (parsed.hostname === 'localhost') parsed.hostname = '127.0.0.1';
  return parsed.href;
}

/** Where a visit led: on to another URL, or to a page that stays (a form to fill, a refusal). */
export type Visit = { readonly location: string } | { readonly page: { readonly status: number; readonly html: string } };

export interface VisitInit {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

/**
 * What a browser does across the provider's pages, over HTTP: keeps its cookies (the provider's are host-only
 * and path-scoped; sending them all is harmless here) and stops at each redirect. One instance is one browser
 * session: a second sign-in with it finds the provider's session, as a silent sign-in would.
 */
export class SignInBrowser {
  private readonly cookies = new Map<string, string>();

  async visit(url: string, init: VisitInit = {}): Promise<Visit> {
    const response = await fetch(forNode(url), { ...init, redirect: 'manual', headers: { ...init.headers, cookie: this.cookieHeader() } });
    for (const header of response.headers.getSetCookie()) {
      const [pair = ''] = header.split(';');
      const separator = pair.indexOf('=');
      this.cookies.set(pair.slice(0, separator), pair.slice(separator + 1));
    }
    const location = response.headers.get('location');
    return location === null ? { page: { status: response.status, html: await response.text() } } : { location: new URL(location, url).href };
  }

  /** Posts a page's form as a browser would submit it: the fields URL-encoded, to the form's action. */
  submit(pageUrl: string, action: string, fields: Record<string, string> = {}): Promise<Visit> {
    return this.visit(new URL(action, pageUrl).href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** The action of the page's form that posts to a path ending in `step` (`login`, `approve`, `abort`). */
export function formAction(html: string, step: string): string | undefined {
  return new RegExp(`<form method="post" action="([^"]+/${step})"`).exec(html)?.[1];
}
