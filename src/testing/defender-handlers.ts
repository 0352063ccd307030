import { http, HttpResponse } from 'msw';

export const testApiBaseUrl = 'https://api.securitycenter.microsoft.com';
export const actionUrl = `${testApiBaseUrl}/api/machineactions/:id`;

/** Defender's error body, as the live API writes it. */
export function defenderError(status: number, code: string, init: { headers?: Record<string, string>; target?: string } = {}) {
  return HttpResponse.json({ error: { code, message: `${code} message`, target: init.target ?? 'corr-0001' } }, { status, headers: init.headers });
}

export { http, HttpResponse };
