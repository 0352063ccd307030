import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders, signedIn } from '../testing/render';
import type { AuthState } from './auth-state';
import { SignedOutNotice } from './signed-out-notice';
import { noteSigningOut, readSignOutReturn } from './sign-out-return';

const signedOut: AuthState = { ...signedIn(), account: null };

function Address() {
  const location = useLocation();
  return <div data-testid="address">{`${location.pathname}${location.search}`}</div>;
}

function renderNotice({ kept = true, path = '/?state=eyJpZCI6IjEifQ', auth = signedOut }: { kept?: boolean; path?: string; auth?: AuthState } = {}) {
  const lists = { kept: () => kept, forget: vi.fn() };
  const result = renderWithProviders(
    <>
      <SignedOutNotice lists={lists} />
      <Address />
    </>,
    { path, auth },
  );
  return { ...result, lists };
}

const notice = () => screen.queryByRole('group', { name: 'You signed out' });

afterEach(() => window.sessionStorage.clear());

describe('the notice after signing out', () => {
  it('is not there on a normal load', () => {
    renderNotice({ path: '/' });
    expect(notice()).toBeNull();
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('says so, to screen readers too, cleans the address, and says nothing after a reload', async () => {
    noteSigningOut(window.sessionStorage, { listsForgotten: false });
    const { unmount } = renderNotice();
    expect(notice()).toBeVisible();
    expect(screen.getByRole('status')).toHaveTextContent('You signed out.');
    expect(await screen.findByTestId('address')).toHaveTextContent(/^\/$/);
    expect(readSignOutReturn(window.sessionStorage)).toBeUndefined();

    unmount();
    renderNotice({ path: '/' });
    expect(notice()).toBeNull();
  });

  it('waits to speak until sign-in has started and found no one', () => {
    noteSigningOut(window.sessionStorage, { listsForgotten: false });
    renderNotice({ auth: { status: 'starting' } });
    expect(notice()).toBeVisible();
    expect(screen.getByRole('status')).toHaveTextContent(/^$/);
  });

  it("offers to forget this browser's lists now, and says when they are", async () => {
    noteSigningOut(window.sessionStorage, { listsForgotten: false });
    const { lists } = renderNotice();
    expect(notice()).toHaveTextContent('This browser still keeps your lists');
    await userEvent.click(screen.getByRole('button', { name: "Forget this browser's lists now" }));
    expect(lists.forget).toHaveBeenCalledTimes(1);
    expect(notice()).toHaveTextContent("This browser's lists are forgotten.");
    expect(screen.queryByRole('button', { name: "Forget this browser's lists now" })).toBeNull();
    expect(screen.getByRole('status')).toHaveTextContent("This browser's lists are forgotten.");
  });

  it('says the lists were forgotten on the way out, and offers nothing more', () => {
    noteSigningOut(window.sessionStorage, { listsForgotten: true });
    renderNotice({ kept: false });
    expect(notice()).toHaveTextContent('were forgotten, as chosen for a shared workstation');
    expect(screen.queryByRole('button', { name: "Forget this browser's lists now" })).toBeNull();
  });

  it('offers nothing to forget when this browser keeps no list', () => {
    noteSigningOut(window.sessionStorage, { listsForgotten: false });
    renderNotice({ kept: false });
    expect(notice()).toBeVisible();
    expect(notice()).not.toHaveTextContent('lists');
  });

  it('can be dismissed, and is not shown to someone signed in again', async () => {
    noteSigningOut(window.sessionStorage, { listsForgotten: false });
    const { unmount } = renderNotice();
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(notice()).toBeNull();
    unmount();

    noteSigningOut(window.sessionStorage, { listsForgotten: false });
    renderNotice({ auth: signedIn() });
    expect(notice()).toBeNull();
  });
});
