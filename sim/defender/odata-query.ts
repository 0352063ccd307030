import type { JsonObject } from '../http/json.ts';
import { matchesFilter, ODataQueryError, parseFilter, type FilterExpression } from './odata-filter.ts';
import { normalizeDefenderTime } from './timestamps.ts';

export const MAX_TOP = 10_000;

export interface OrderBy {
  readonly field: string;
  readonly descending: boolean;
}

export interface ListQuery {
  readonly filter: FilterExpression | undefined;
  readonly orderBy: readonly OrderBy[];
  readonly top: number;
  readonly skip: number;
}

const SUPPORTED_OPTIONS = new Set(['$filter', '$top', '$skip', '$orderby']);
const DATETIME_FIELDS = new Set(['creationDateTimeUtc', 'lastUpdateDateTimeUtc']);
const ORDERABLE_FIELDS = new Set(['id', 'machineId', 'status', 'type', 'requestor', ...DATETIME_FIELDS]);

function parseCount(name: string, text: string, min: number, max: number): number {
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new ODataQueryError(
      `Invalid value '${text}' for ${name}: expected an integer from ${min} to ${max}.`,
      'InvalidInput',
    );
  }
  return value;
}

function parseOrderBy(text: string): OrderBy[] {
  return text.split(',').map((clause) => {
    const [field = '', direction = 'asc', ...rest] = clause.trim().split(/\s+/);
    if (!ORDERABLE_FIELDS.has(field)) {
      throw new ODataQueryError(
        `Cannot order by '${field}'. Orderable properties: ${[...ORDERABLE_FIELDS].join(', ')}.`,
      );
    }
    if ((direction !== 'asc' && direction !== 'desc') || rest.length > 0) {
      throw new ODataQueryError(`Invalid $orderby clause '${clause.trim()}': expected '<property> [asc|desc]'.`);
    }
    return { field, descending: direction === 'desc' };
  });
}

export function parseListQuery(params: URLSearchParams): ListQuery {
  const seen = new Set<string>();
  for (const name of params.keys()) {
    if (!name.startsWith('$')) continue;
    if (!SUPPORTED_OPTIONS.has(name)) {
      throw new ODataQueryError(
        `The query parameter '${name}' is not supported. Supported: ${[...SUPPORTED_OPTIONS].join(', ')}.`,
      );
    }
    if (seen.has(name)) throw new ODataQueryError(`The query parameter '${name}' is specified more than once.`);
    seen.add(name);
  }
  const filter = params.get('$filter');
  const top = params.get('$top');
  const skip = params.get('$skip');
  const orderBy = params.get('$orderby');
  return {
    filter: filter === null ? undefined : parseFilter(filter),
    orderBy: orderBy === null ? [] : parseOrderBy(orderBy),
    top: top === null ? MAX_TOP : parseCount('$top', top, 1, MAX_TOP),
    skip: skip === null ? 0 : parseCount('$skip', skip, 0, Number.MAX_SAFE_INTEGER),
  };
}

function sortValue(entity: JsonObject, field: string): string {
  // Legacy entities spell the last-update key lastUpdateTimeUtc; they still sort by it.
  const raw = entity[field] ?? (field === 'lastUpdateDateTimeUtc' ? entity.lastUpdateTimeUtc : undefined);
  if (typeof raw !== 'string') return '';
  return DATETIME_FIELDS.has(field) ? (normalizeDefenderTime(raw) ?? raw) : raw;
}

/** Without $orderby the order is oldest first; Defender does not document one, so the app must not rely on it. */
const DEFAULT_ORDER: readonly OrderBy[] = [{ field: 'creationDateTimeUtc', descending: false }];

export function applyListQuery(query: ListQuery, entities: readonly JsonObject[]): JsonObject[] {
  const filter = query.filter;
  const matching = filter === undefined ? [...entities] : entities.filter((entity) => matchesFilter(filter, entity));
  const order = query.orderBy.length > 0 ? query.orderBy : DEFAULT_ORDER;
  matching.sort((a, b) => {
    for (const { field, descending } of order) {
      const left = sortValue(a, field);
      const right = sortValue(b, field);
      if (left !== right) return (left < right ? -1 : 1) * (descending ? -1 : 1);
    }
    return 0;
  });
  return matching.slice(query.skip, query.skip + query.top);
}
