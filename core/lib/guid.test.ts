import { describe, expect, it } from 'vitest';
import { isGuid, toGuid } from './guid';

describe('toGuid', () => {
  it('accepts a GUID with spaces around it and lower-cases it', () => {
    expect(toGuid('  5F1C3A9E-2B7D-4E8F-9A6B-1C2D3E4F5A6B \n')).toBe('5f1c3a9e-2b7d-4e8f-9a6b-1c2d3e4f5a6b');
  });

  it.each(['', 'abc', '5f1c3a9e-2b7d-4e8f-9a6b-1c2d3e4f5a6', '5f1c3a9e2b7d4e8f9a6b1c2d3e4f5a6b', '{5f1c3a9e-2b7d-4e8f-9a6b-1c2d3e4f5a6b}', '../5f1c3a9e-2b7d-4e8f-9a6b-1c2d3e4f5a6b'])(
    'refuses %j',
    (value) => {
      expect(toGuid(value)).toBeUndefined();
      expect(isGuid(value)).toBe(false);
    },
  );
});
