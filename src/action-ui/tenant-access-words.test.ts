import { describe, expect, it } from 'vitest';
import { tenantAccessWords } from './tenant-access-words';

describe('tenantAccessWords', () => {
  it("names the tenant and the role its admin must grant on a 403", () => {
    expect(tenantAccessWords('Tailspin Toys', { kind: 'forbidden', code: 'Forbidden' })).toEqual({
      title: 'Tailspin Toys: no Defender role',
      message: expect.stringContaining('Its admin must give you a Defender role'),
      signIn: false,
    });
  });

  it('tells a tenant the account is not in from one that asks for a second factor', () => {
    const notIn = tenantAccessWords('Adatum', { kind: 'sign-in-required', message: "AADSTS50020: User account 'dana' from identity provider does not exist in tenant 'Adatum'" });
    expect(notIn).toMatchObject({ title: 'Adatum: your account is not in this tenant', signIn: false });
    expect(notIn?.message).toContain('invite you as a guest');
    const mfa = tenantAccessWords('Fabrikam', { kind: 'sign-in-required', message: 'AADSTS50076: you must use multi-factor authentication' });
    expect(mfa).toMatchObject({ title: 'Fabrikam: it asks you to verify your sign-in', signIn: true });
  });

  it('offers a sign-in to the tenant when Entra gives no code it knows', () => {
    expect(tenantAccessWords('Northwind', { kind: 'sign-in-required', message: 'interaction_required' })).toMatchObject({ title: 'Northwind asks you to sign in', signIn: true });
  });

  it("says nothing of a problem that is one action's, not the tenant's", () => {
    expect(tenantAccessWords('Fabrikam', { kind: 'not-found' })).toBeUndefined();
    expect(tenantAccessWords('Fabrikam', { kind: 'network', message: 'offline' })).toBeUndefined();
  });
});
