import * as v from 'valibot';
import type { DefenderProblem } from './defender-problem';
import { parseRetryAfter } from './retry-after';

// Defender's error body: { "error": { "code", "message", "target": "<correlation id>" } }.
const errorBodySchema = v.object({
  error: v.object({
    code: v.optional(v.string()),
    message: v.optional(v.string()),
    target: v.optional(v.nullable(v.string())),
  }),
});

interface ErrorDetails {
  code?: string;
  message?: string;
  target?: string;
}

function readErrorBody(text: string): ErrorDetails {
  try {
    const parsed = v.safeParse(errorBodySchema, JSON.parse(text));
    if (!parsed.success) return {};
    const { code, message, target } = parsed.output.error;
    return { code, message, target: target ?? undefined };
  } catch {
    return {}; // a proxy's HTML page, say: the status alone still tells what happened
  }
}

/** Maps a non-2xx answer to the problem the analyst sees. 401 here means a renewed token was refused too. */
export function problemFromResponse(status: number, retryAfter: string | null, bodyText: string, now: number): DefenderProblem {
  const details = readErrorBody(bodyText);
  if (status === 404) return { kind: 'not-found', ...details };
  if (status === 401) return { kind: 'sign-in-required', message: details.message, target: details.target };
  if (status === 403) return { kind: 'forbidden', ...details };
  if (status === 429) return { kind: 'throttled', retryAfterMs: parseRetryAfter(retryAfter, now), message: details.message, target: details.target };
  if (status >= 500) return { kind: 'server', status, ...details };
  return { kind: 'bad-request', status, ...details };
}
