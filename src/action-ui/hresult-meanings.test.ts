import { describe, expect, it } from 'vitest';
import { hresultHex, hresultMeaning, hresultReason } from './hresult-meanings';

describe('HRESULT meanings', () => {
  it('reads the signed value Defender sends as the hex code support articles quote', () => {
    expect(hresultHex(-2147024891)).toBe('0x80070005');
    expect(hresultHex(2147942405)).toBe('0x80070005');
    expect(hresultHex(5)).toBe('0x00000005');
  });

  it.each([
    [-2147024891, 'E_ACCESSDENIED', /Access denied/],
    [-2147467259, 'E_FAIL', /Unspecified failure/],
    [-2147023436, 'ERROR_TIMEOUT', /Timeout/],
    [-2147024894, 'ERROR_FILE_NOT_FOUND', /File not found/],
    [-2147024882, 'E_OUTOFMEMORY', /memory/],
  ])('names %i %s', (value, name, meaning) => {
    expect(hresultMeaning(value)?.name).toBe(name);
    expect(hresultMeaning(value)?.meaning).toMatch(meaning);
  });

  it('knows nothing of a code not in the table, or of a value that is not a code', () => {
    expect(hresultMeaning(-2147000000)).toBeUndefined();
    expect(hresultMeaning(0.5)).toBeUndefined();
    expect(hresultMeaning(Number.NaN)).toBeUndefined();
  });

  it('gives a board row the failure in a few words: the name and the gist, or the code in hex', () => {
    expect(hresultReason(-2147024891)).toBe('E_ACCESSDENIED: access denied');
    expect(hresultReason(-2147467259)).toBe('E_FAIL: unspecified failure');
    expect(hresultReason(-2147000000)).toBe('Error 0x80076140');
  });
});
