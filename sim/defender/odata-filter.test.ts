import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../http/json.ts';
import { matchesFilter, ODataQueryError, parseFilter } from './odata-filter.ts';
import { applyListQuery, parseListQuery } from './odata-query.ts';

const isolation: JsonObject = {
  id: '11111111-1111-4111-8111-000000000001',
  machineId: 'A3F1C9E27B5D48F0916C2E7D4B8A05F3C1D9E6B2',
  status: 'Pending',
  type: 'Isolate',
  requestor: "o'brien@contoso.example",
  creationDateTimeUtc: '2024-05-01T10:00:00.1234567Z',
};
const scan: JsonObject = {
  id: '11111111-1111-4111-8111-000000000002',
  machineId: '5e2b8d1f7c4a9036e1b7d2c58f0a4e9b3c6d1f70',
  status: 'Succeeded',
  type: 'RunAntiVirusScan',
  requestor: 'SOC Automation',
  creationDateTimeUtc: '2024-05-01T12:00:00.0000000Z',
};

function matching(filter: string): unknown[] {
  const expression = parseFilter(filter);
  return [isolation, scan].filter((entity) => matchesFilter(expression, entity)).map((entity) => entity.id);
}

function rejection(filter: string): string {
  try {
    parseFilter(filter);
  } catch (error) {
    if (error instanceof ODataQueryError) return error.message;
    throw error;
  }
  throw new Error(`expected '${filter}' to be rejected`);
}

describe('parseFilter and matchesFilter', () => {
  it('compares text fields with eq and ne', () => {
    expect(matching("status eq 'Pending'")).toEqual([isolation.id]);
    expect(matching("status ne 'Pending'")).toEqual([scan.id]);
    expect(matching("type eq 'RunAntiVirusScan'")).toEqual([scan.id]);
    expect(matching("status eq 'pending'")).toEqual([]);
  });

  it('unescapes doubled quotes in string literals', () => {
    expect(matching("requestor eq 'o''brien@contoso.example'")).toEqual([isolation.id]);
  });

  it('matches ids and machine ids whatever their case', () => {
    expect(matching("machineId eq 'a3f1c9e27b5d48f0916c2e7d4b8a05f3c1d9e6b2'")).toEqual([isolation.id]);
    expect(matching("id eq '11111111-1111-4111-8111-000000000002'")).toEqual([scan.id]);
  });

  it('supports id in (...) lists', () => {
    expect(matching("id in ('11111111-1111-4111-8111-000000000002', '11111111-1111-4111-8111-000000000001')")).toEqual([
      isolation.id,
      scan.id,
    ]);
    expect(matching("id in ('00000000-0000-4000-8000-000000000000')")).toEqual([]);
  });

  it.each([
    ['gt', '2024-05-01T10:00:00.1234567Z', [scan.id]],
    ['ge', '2024-05-01T10:00:00.1234567Z', [isolation.id, scan.id]],
    ['lt', '2024-05-01T12:00:00Z', [isolation.id]],
    ['le', '2024-05-01T12:00:00Z', [isolation.id, scan.id]],
    ['eq', '2024-05-01T14:00:00+02:00', [scan.id]],
    ['ne', '2024-05-01T12:00:00Z', [isolation.id]],
  ])('compares creationDateTimeUtc with %s %s', (operator, literal, expected) => {
    expect(matching(`creationDateTimeUtc ${operator} ${literal}`)).toEqual(expected);
  });

  it('combines conditions with and, or, not and parentheses', () => {
    expect(matching("status eq 'Pending' and type eq 'Isolate'")).toEqual([isolation.id]);
    expect(matching("status eq 'Pending' and type eq 'RunAntiVirusScan'")).toEqual([]);
    expect(matching("status eq 'Failed' or requestor eq 'SOC Automation'")).toEqual([scan.id]);
    expect(
      matching("(status eq 'Failed' or status eq 'Pending') and creationDateTimeUtc lt 2024-06-01T00:00:00Z"),
    ).toEqual([isolation.id]);
    expect(matching("not (status eq 'Pending')")).toEqual([scan.id]);
  });

  it('rejects unknown and wrongly cased fields, naming the supported ones', () => {
    expect(rejection("computerDnsName eq 'x'")).toMatch(/'computerDnsName'.*Filterable properties: id, machineId/);
    expect(rejection("MachineId eq 'x'")).toMatch(/'MachineId'/);
  });

  it('rejects bad syntax with a position', () => {
    expect(rejection("status eq 'Pending")).toMatch(/Unterminated string literal starting at position 11/);
    expect(rejection("status eq 'Pending' and")).toMatch(/expected a field name but found the end/);
    expect(rejection("status 'Pending'")).toMatch(/expected an operator/);
    expect(rejection("(status eq 'Pending'")).toMatch(/expected '\)'/);
    expect(rejection("status eq 'Pending' status")).toMatch(/unexpected 'status' at position 21/);
    expect(rejection("id in ('a' 'b')")).toMatch(/expected '\)' to close the 'in' list/);
    expect(rejection('')).toMatch(/empty/);
  });

  it('rejects operators and literals that do not fit the field', () => {
    expect(rejection("status gt 'Pending'")).toMatch(/Operator 'gt'.*eq, ne, in/);
    expect(rejection("status EQ 'Pending'")).toMatch(/Operator 'EQ'/);
    expect(rejection('status eq Pending')).toMatch(/quoted string/);
    expect(rejection("creationDateTimeUtc gt '2024-05-01T00:00:00Z'")).toMatch(/not quoted in OData/);
    expect(rejection('creationDateTimeUtc gt yesterday')).toMatch(/ISO 8601/);
    expect(rejection('creationDateTimeUtc in (2024-05-01T00:00:00Z)')).toMatch(/Operator 'in'/);
  });
});

describe('parseListQuery and applyListQuery', () => {
  const entities = [scan, isolation];

  it('defaults to every match, oldest first', () => {
    const query = parseListQuery(new URLSearchParams());
    expect(query.top).toBe(10_000);
    expect(applyListQuery(query, entities).map((entity) => entity.id)).toEqual([isolation.id, scan.id]);
  });

  it('applies $orderby, $skip and $top', () => {
    const query = parseListQuery(new URLSearchParams({ $orderby: 'creationDateTimeUtc desc', $skip: '1', $top: '1' }));
    expect(applyListQuery(query, entities).map((entity) => entity.id)).toEqual([isolation.id]);
  });

  it.each([
    [{ $top: '0' }, /\$top/],
    [{ $top: '10001' }, /from 1 to 10000/],
    [{ $top: 'ten' }, /\$top/],
    [{ $skip: '-1' }, /\$skip/],
    [{ $orderby: 'title' }, /Cannot order by 'title'/],
    [{ $orderby: 'status sideways' }, /asc\|desc/],
    [{ $select: 'id' }, /'\$select' is not supported/],
  ])('rejects %o', (params, message) => {
    expect(() => parseListQuery(new URLSearchParams(params))).toThrow(message);
  });

  it('reports range errors as InvalidInput and syntax errors as ODataError', () => {
    const codeOf = (params: Record<string, string>) => {
      try {
        parseListQuery(new URLSearchParams(params));
      } catch (error) {
        return error instanceof ODataQueryError ? error.code : 'other';
      }
      return 'none';
    };
    expect(codeOf({ $top: '0' })).toBe('InvalidInput');
    expect(codeOf({ $filter: 'nonsense' })).toBe('ODataError');
  });
});
