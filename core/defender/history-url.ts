import { listUrl, odataString } from './defender-urls';

/**
 * The list call that reads a tenant's history of one action type (defender-api.md: finished actions stay
 * listed with both timestamps), built with the same encoding as every other list call.
 */

/** Every documented type, and the odd ones seen live ("Live Response"), is letters, digits and spaces. */
const safeType = /^[A-Za-z0-9][A-Za-z0-9 ]{0,63}$/;

/** Defender's largest `$top`. */
const maxTop = 10_000;

/**
 * The newest `top` actions of one type created after `since`:
 * `$filter=type eq 'Isolate' and creationDateTimeUtc gt …&$orderby=creationDateTimeUtc desc&$top=200`.
 * One call per type holds every scope of it. The type comes from an action Defender sent, so it is checked
 * against a safe pattern before it goes anywhere near a filter.
 */
export function actionHistoryUrl(apiBaseUrl: string, type: string, since: Date, top = 200): string {
  if (!safeType.test(type)) throw new TypeError('An action type must be letters, digits and spaces.');
  if (Number.isNaN(since.getTime())) throw new TypeError('The start of the period must be a date.');
  if (!Number.isFinite(top)) throw new TypeError('The number of actions must be a number.');
  const filter = `type eq ${odataString(type)} and creationDateTimeUtc gt ${since.toISOString()}`;
  const count = Math.max(1, Math.min(Math.floor(top), maxTop));
  return listUrl(apiBaseUrl, filter, `&$orderby=creationDateTimeUtc%20desc&$top=${count}`);
}
