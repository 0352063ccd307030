import { afterEach, describe, expect, it } from 'vitest';
import { clearSignOutReturn, noteSigningOut, readSignOutReturn, withoutProtocolParameters } from './sign-out-return';

afterEach(() => window.sessionStorage.clear());

describe('the return from signing out', () => {
  it('is nothing on a page load that is not one', () => {
    expect(readSignOutReturn(window.sessionStorage)).toBeUndefined();
  });

  it('says whether the lists were forgotten on the way out, until cleared', () => {
    noteSigningOut(window.sessionStorage, { listsForgotten: true });
    expect(readSignOutReturn(window.sessionStorage)).toEqual({ listsForgotten: true });
    clearSignOutReturn(window.sessionStorage);
    expect(readSignOutReturn(window.sessionStorage)).toBeUndefined();

    noteSigningOut(window.sessionStorage, { listsForgotten: false });
    expect(readSignOutReturn(window.sessionStorage)).toEqual({ listsForgotten: false });
  });

  it('is nothing where storage is refused, rather than on every load', () => {
    const refusing = {
      getItem: (): string | null => {
        throw new Error('SecurityError');
      },
    };
    expect(readSignOutReturn(refusing)).toBeUndefined();
  });
});

describe('withoutProtocolParameters', () => {
  it("drops the identity provider's answer and nothing else", () => {
    expect(withoutProtocolParameters('?state=eyJpZCI6IjEifQ')).toBe('');
    expect(withoutProtocolParameters('?code=abc&state=xyz&session_state=s&client_info=c&iss=https%3A%2F%2Flogin')).toBe('');
    expect(withoutProtocolParameters('?error=access_denied&error_description=no')).toBe('');
    expect(withoutProtocolParameters('?ids=1,2&state=xyz')).toBe('?ids=1%2C2');
    expect(withoutProtocolParameters('')).toBe('');
  });
});
