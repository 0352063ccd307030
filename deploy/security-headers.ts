import type { AllowedOrigins } from './allowed-origins.ts';

export type HeaderMap = Readonly<Record<string, string>>;

/** msal-browser v5's redirect bridge (redirect.html); every sign-in response lands there. */
export const redirectBridgePath = '/redirect.html';

/** The policy as directive → sources; `contentSecurityPolicy` writes it out. */
export function contentSecurityPolicyDirectives(origins: AllowedOrigins): Readonly<Record<string, readonly string[]>> {
  return {
    'default-src': ["'self'"],
    // The build emits only external module scripts: index.html and redirect.html carry no inline script.
    'script-src': ["'self'"],
    // Mantine injects <style> elements at run time; a static host cannot mint a nonce per response.
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'"],
    // 'self': /config.json and a same-origin API proxy path; the authority: MSAL's discovery and token requests.
    'connect-src': ["'self'", ...origins.signIn, ...origins.api],
    // MSAL renews silently in a hidden iframe that starts at the authority and ends on the redirect bridge.
    'frame-src': ["'self'", ...origins.signIn],
    // MSAL can send its authorize request as a form post (its `httpMethod: 'POST'` option).
    'form-action': ["'self'", ...origins.signIn],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    // 'self', not 'none': MSAL's silent-renewal iframe loads the redirect bridge inside the app.
    'frame-ancestors': ["'self'"],
  };
}

export function contentSecurityPolicy(origins: AllowedOrigins): string {
  return Object.entries(contentSecurityPolicyDirectives(origins))
    .map(([directive, sources]) => [directive, ...sources].join(' '))
    .join('; ');
}

// The app uses none of these but the clipboard (its copy buttons). Desktop notifications are not governed by this header.
const deniedFeatures = [
  'accelerometer', 'autoplay', 'camera', 'display-capture', 'encrypted-media', 'fullscreen', 'geolocation', 'gyroscope', 'hid',
  'magnetometer', 'microphone', 'midi', 'payment', 'publickey-credentials-get', 'screen-wake-lock', 'serial', 'usb', 'xr-spatial-tracking',
];
const permissionsPolicy = [...deniedFeatures.map((feature) => `${feature}=()`), 'clipboard-write=(self)'].join(', ');

/** Headers for every response, the redirect bridge's included. */
export function securityHeaders(origins: AllowedOrigins): HeaderMap {
  return {
    'Content-Security-Policy': contentSecurityPolicy(origins),
    'X-Content-Type-Options': 'nosniff',
    // App URLs carry action IDs and sign-in responses; no request the app makes needs a Referer.
    'Referrer-Policy': 'no-referrer',
    'Permissions-Policy': permissionsPolicy,
  };
}

/**
 * Added to every response but the redirect bridge's: windows the app opens or is opened by get no handle on it.
 * The bridge must go without: in a popup it closes itself, which a page with COOP (a new browsing context group) cannot.
 */
export const openerIsolation: HeaderMap = { 'Cross-Origin-Opener-Policy': 'same-origin' };

/** The headers for one request path: the rule the preview server follows and the deployment configs spell out. */
export function headersForPath(pathname: string, origins: AllowedOrigins): HeaderMap {
  const headers = securityHeaders(origins);
  return pathname === redirectBridgePath ? headers : { ...headers, ...openerIsolation };
}
