import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders, signedIn } from '../testing/render';
import { AccountMenu } from './account-menu';
import { forgetListsOnSignOutStorageKey } from './sign-out-choice';
import { readSignOutReturn } from './sign-out-return';

/** The lists as spies, with the order of what happens on signing out. */
function recordedSignOut() {
  const steps: string[] = [];
  const lists = { kept: () => true, forget: vi.fn(() => void steps.push('lists forgotten')) };
  const auth = signedIn({ signOut: vi.fn(() => void steps.push('left for the identity provider')) });
  return { steps, lists, auth };
}

const choice = () => screen.findByRole('switch', { name: "Forget this browser's lists when I sign out (shared workstation)" });

afterEach(() => {
  window.localStorage.clear();
  window.sessionStorage.clear();
});

describe('the account menu', () => {
  it('keeps the lists on signing out unless the analyst chose otherwise', async () => {
    const { steps, lists, auth } = recordedSignOut();
    renderWithProviders(<AccountMenu lists={lists} />, { auth });
    expect(screen.getByTestId('signed-in-account')).toHaveTextContent('Dana Analyst');
    await userEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(steps).toEqual(['left for the identity provider']);
    expect(readSignOutReturn(window.sessionStorage)).toEqual({ listsForgotten: false });
  });

  it('offers the shared-workstation choice under the name, remembers it, and forgets the lists before leaving', async () => {
    const { steps, lists, auth } = recordedSignOut();
    renderWithProviders(<AccountMenu lists={lists} />, { auth });
    const account = screen.getByRole('button', { name: /^Dana Analyst, account and sign-out choices/ });
    expect(account).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(account);
    expect(account).toHaveAttribute('aria-expanded', 'true');
    expect(await screen.findByText('Signed in as dana.analyst@contoso.example')).toBeVisible();
    expect(await choice()).not.toBeChecked();

    await userEvent.click(await choice());
    expect(await choice()).toBeChecked();
    expect(window.localStorage.getItem(forgetListsOnSignOutStorageKey)).toBe('yes');

    await userEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(steps).toEqual(['lists forgotten', 'left for the identity provider']);
    expect(readSignOutReturn(window.sessionStorage)).toEqual({ listsForgotten: true });
  });

  it('shows the choice as remembered, and puts the panel away with Escape', async () => {
    window.localStorage.setItem(forgetListsOnSignOutStorageKey, 'yes');
    const { lists, auth } = recordedSignOut();
    renderWithProviders(<AccountMenu lists={lists} />, { auth });
    const account = screen.getByRole('button', { name: /^Dana Analyst/ });
    await userEvent.click(account);
    expect(await choice()).toBeChecked();
    await userEvent.keyboard('{Escape}');
    expect(account).toHaveAttribute('aria-expanded', 'false');
    expect(account).toHaveFocus();
    expect(screen.queryByRole('switch')).toBeNull();
  });

  it('offers sign-in, and no choice, to no one signed in', () => {
    const { lists } = recordedSignOut();
    renderWithProviders(<AccountMenu lists={lists} />, { auth: { ...signedIn(), account: null } });
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeEnabled();
    expect(screen.queryByRole('button', { name: 'Sign out' })).toBeNull();
  });
});
