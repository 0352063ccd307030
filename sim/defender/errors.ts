import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { sendJson } from '../http/json.ts';

/** A failure the API reports with Defender's error body; route handlers throw it. */
export class DefenderError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

const STANDARD_ERRORS: Readonly<Record<number, { code: string; message: string }>> = {
  400: { code: 'BadRequest', message: 'The request is invalid.' },
  401: { code: 'Unauthorized', message: 'Authorization has been denied for this request.' },
  403: { code: 'Forbidden', message: 'The caller does not have the permission required for this request.' },
  404: { code: 'ResourceNotFound', message: 'The requested resource was not found.' },
  405: { code: 'MethodNotAllowed', message: 'The requested HTTP method is not supported for this resource.' },
  409: { code: 'Conflict', message: 'The request conflicts with the current state of the resource.' },
  429: { code: 'TooManyRequests', message: 'Rate limit is exceeded. Try again later.' },
  500: { code: 'InternalServerError', message: 'An internal server error occurred. Please retry.' },
  502: { code: 'BadGateway', message: 'The service received an invalid response upstream.' },
  503: { code: 'ServiceUnavailable', message: 'The service is temporarily unavailable. Please retry.' },
  504: { code: 'GatewayTimeout', message: 'The service did not respond in time.' },
};

/** The error Defender returns for a bare status, for injected faults. */
export function standardError(status: number, headers: Record<string, string> = {}): DefenderError {
  const known = STANDARD_ERRORS[status] ?? {
    code: status >= 500 ? 'InternalServerError' : 'BadRequest',
    message: `HTTP ${status}`,
  };
  return new DefenderError(status, known.code, known.message, headers);
}

/** `target` is a correlation id that support asks for, so every error gets a new one. */
export function sendDefenderError(res: ServerResponse, error: DefenderError): void {
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  sendJson(
    res,
    error.status,
    { error: { code: error.code, message: error.message, target: randomUUID() } },
    'application/json',
  );
}
