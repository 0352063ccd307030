import { describe, expect, it } from 'vitest';
import { customerNameKey, customerNameProblem } from './customer-name';

describe('a customer’s name', () => {
  it('takes a plain name, and refuses hidden characters, a name with nothing visible, and a long one', () => {
    expect(customerNameProblem('Northwind Traders')).toBeUndefined();
    expect(customerNameProblem('Fabrikam (EU) – 2')).toBeUndefined();
    for (const name of ['North\u202ewind', 'Fab\u200brikam', 'A\u061cB', 'Line\u2028break', 'Tab\there', '\u3164']) expect(customerNameProblem(name)).toMatch(/no control/);
    for (const name of ['\u2800', '—']) expect(customerNameProblem(name)).toMatch(/a letter or a digit/);
    expect(customerNameProblem('x'.repeat(65))).toMatch(/at most 64/);
  });

  it('compares names as a reader would: width and case aside', () => {
    expect(customerNameKey('\uff26abrikam')).toBe(customerNameKey('fabrikam'));
  });
});
