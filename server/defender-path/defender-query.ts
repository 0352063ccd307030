/** The OData options the app sends (core/defender/defender-urls.ts, history-url.ts) and Defender's nextLinks carry. */
export const allowedOptions = new Set(['$filter', '$top', '$skip', '$orderby']);

/** Longer than any list call the app makes (it splits IDs to stay under ~2,000 characters of filter). */
export const maxQueryLength = 8_192;

export type QueryVerdict = { ok: true; query: string } | { ok: false; status: 400 | 414; message: string };

/**
 * Checks a request's raw query string (without the `?`) and returns it unchanged to pass to Defender:
 * re-encoding could change what an OData filter means. Only the app's options, each once; nothing else.
 */
export function checkDefenderQuery(raw: string): QueryVerdict {
  if (raw.length > maxQueryLength) return { ok: false, status: 414, message: `The query is longer than ${maxQueryLength} characters.` };
  if (raw === '') return { ok: true, query: '' };
  // Some servers split options on `;` as well as `&`: a `;` would carry an option past this check.
  if (raw.includes(';')) return { ok: false, status: 400, message: 'The query holds a ";", which no option of the app does.' };
  const seen = new Set<string>();
  for (const pair of raw.split('&')) {
    const equals = pair.indexOf('=');
    const rawName = equals < 0 ? pair : pair.slice(0, equals);
    let name: string;
    let value: string;
    try {
      name = decodeURIComponent(rawName);
      value = decodeURIComponent(equals < 0 ? '' : pair.slice(equals + 1).replace(/\+/g, ' '));
    } catch {
      return { ok: false, status: 400, message: 'The query has a broken percent-encoding.' };
    }
    // The refused name is not repeated: an answer never echoes what the caller sent (a token, say).
    if (!allowedOptions.has(name)) return { ok: false, status: 400, message: `The query holds an option this server does not pass on (only ${[...allowedOptions].join(', ')}).` };
    if (seen.has(name)) return { ok: false, status: 400, message: `The query option ${name} is given twice.` };
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
    if (/[\u0000-\u001f\u007f]/.test(value)) return { ok: false, status: 400, message: `The query option ${name} holds a control character.` };
    seen.add(name);
  }
  return { ok: true, query: raw };
}
