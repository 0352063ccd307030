import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isGuid } from '../../core/lib/guid';
import { findActionId, findActionIds } from './find-action-ids';

const id = '5f1c3a9e-2b7d-4e8f-9a6b-1c2d3e4f5a6b';
const other = '11111111-1111-4111-8111-000000000001';

describe('findActionIds', () => {
  it.each([
    [id, id],
    [`  ${id}  `, id],
    [`"${id}"`, id],
    [`'${id.toUpperCase()}'`, id],
    [`Please watch action ${id} for device finance-ws-014, thanks`, id],
    [`https://security.microsoft.com/action-center/history?actionId=${id}&tid=x`, id],
    [`{${id}}`, id],
    [`action-${id}.`, id],
  ])('finds the ID in %j', (text, expected) => {
    expect(findActionId(text)).toBe(expected);
  });

  it('finds every ID in order, once each', () => {
    expect(findActionIds(`${id}\n${other}, ${id.toUpperCase()}`)).toEqual([id, other]);
  });

  it.each(['', 'no id here', '5f1c3a9e-2b7d-4e8f-9a6b', `${id.slice(0, -1)}`, `a${id}`, `${id}f`, `abcd-${id}`, `${id}-1234`])('finds nothing in %j', (text) => {
    expect(findActionIds(text)).toEqual([]);
  });

  it('does not cut a GUID out of a longer hex run such as a 40-hex machine id', () => {
    expect(findActionIds('machine 1e5bc9d7e413ddd7902c2932e418702b84d0cc07')).toEqual([]);
  });

  it('never yields anything but GUIDs, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        for (const found of findActionIds(text)) {
          expect(isGuid(found)).toBe(true);
          expect(found).toBe(found.toLowerCase());
        }
      }),
    );
  });

  it('finds a GUID placed in any text when separated from it by a space', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.string(), fc.string(), (guid, before, after) => {
        expect(findActionIds(`${before} ${guid} ${after}`)).toContain(guid.toLowerCase());
      }),
    );
  });
});
