import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actionHistoryUrl } from './history-url';

const base = 'https://api.securitycenter.microsoft.com';
const since = new Date('2026-11-01T00:00:00Z');

describe('actionHistoryUrl', () => {
  it('builds the list call of one type since a date, newest first', () => {
    const url = actionHistoryUrl(base, 'Isolate', since);
    expect(url).toBe(
      `${base}/api/machineactions?$filter=type%20eq%20%27Isolate%27%20and%20creationDateTimeUtc%20gt%202026-11-01T00%3A00%3A00.000Z&$orderby=creationDateTimeUtc%20desc&$top=200`,
    );
    const query = new URL(url).searchParams;
    expect(query.get('$filter')).toBe("type eq 'Isolate' and creationDateTimeUtc gt 2026-11-01T00:00:00.000Z");
    expect(query.get('$orderby')).toBe('creationDateTimeUtc desc');
  });

  it('takes the odd type seen live, with a space', () => {
    expect(new URL(actionHistoryUrl(base, 'Live Response', since)).searchParams.get('$filter')).toMatch(/^type eq 'Live Response' and /);
  });

  it("keeps $top within Defender's range", () => {
    expect(actionHistoryUrl(base, 'Isolate', since, 0)).toMatch(/&\$top=1$/);
    expect(actionHistoryUrl(base, 'Isolate', since, 50.7)).toMatch(/&\$top=50$/);
    expect(actionHistoryUrl(base, 'Isolate', since, 1e9)).toMatch(/&\$top=10000$/);
    expect(() => actionHistoryUrl(base, 'Isolate', since, Number.NaN)).toThrow(TypeError);
  });

  it('refuses a bad date', () => {
    expect(() => actionHistoryUrl(base, 'Isolate', new Date('not a date'))).toThrow(TypeError);
  });

  it('refuses any type that is not letters, digits and spaces: nothing else reaches the filter', () => {
    for (const type of ["Isolate' or type ne '", "Isolate'", 'Isolate)', 'Isolate&$top=10000', '', ' Isolate', 'Isolate\n', 'Isolieren\u00e9', 'x'.repeat(65)]) {
      expect(() => actionHistoryUrl(base, type, since)).toThrow(TypeError);
    }
  });

  it('names exactly one type in a filter of the one fixed shape, for any input, or refuses it', () => {
    const shape = /^type eq '[A-Za-z0-9 ]+' and creationDateTimeUtc gt \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[A-Za-z0-9 ']{1,20}$/)), (type) => {
        let url: string;
        try {
          url = actionHistoryUrl(base, type, since);
        } catch (error) {
          expect(error).toBeInstanceOf(TypeError);
          return;
        }
        const query = new URL(url).searchParams;
        expect(query.get('$filter')).toMatch(shape);
        expect([...query.keys()]).toEqual(['$filter', '$orderby', '$top']);
      }),
    );
  });
});
