/**
 * A customer's name as the analyst reads it on every row: shown as text, so markup is harmless, but two
 * names that look alike would be two customers that look like one. The rule the app's `tenants` and the
 * server's `TENANTS` both apply.
 */
export const maxCustomerNameLength = 64;

// Controls, format characters (bidi marks, zero-width spaces), line or paragraph separators, and the Hangul
// fillers (letters to Unicode, blank to the eye): invisible or reordering, they would make a name look like
// another, or break a line of a ticket's copy.
const hidden = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u115f\u1160\u3164\uffa0]/u;
const visible = /[\p{L}\p{N}]/u;

/** Why a name is refused, or undefined for a good one. */
export function customerNameProblem(name: string): string | undefined {
  if (name.length > maxCustomerNameLength) return `must be at most ${maxCustomerNameLength} characters`;
  if (hidden.test(name)) return 'must have no control, format or line-break characters';
  if (!visible.test(name)) return 'must have a letter or a digit';
  return undefined;
}

/** The form two names are compared in: "Ｆabrikam" and "fabrikam" are the same customer to a reader. */
export function customerNameKey(name: string): string {
  return name.normalize('NFKC').toLowerCase();
}
