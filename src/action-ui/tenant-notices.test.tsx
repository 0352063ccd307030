import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { formatClock } from '../lib/time';
import { customerSettings, renderWithProviders, signedIn, testPoller, testSettings } from '../testing/render';
import { PauseNotices, TenantProblemNotices } from './tenant-notices';

const customers = customerSettings([
  { id: 'fabrikam.onmicrosoft.com', name: 'Fabrikam' },
  { id: 'tailspin.onmicrosoft.com', name: 'Tailspin Toys' },
  { id: 'adatum.onmicrosoft.com', name: 'Adatum' },
]);

describe('the pause notices', () => {
  it('names the paused customer, and says the others go on', () => {
    const until = Date.now() + 60_000;
    renderWithProviders(<PauseNotices />, { settings: customers, poller: testPoller({ pauses: new Map([['tailspin.onmicrosoft.com', until]]) }) });
    expect(screen.getByTestId('board-paused')).toHaveTextContent(`Checks in Tailspin Toys are paused until ${formatClock(until)} (HTTP 429).`);
    expect(screen.getByTestId('board-paused')).toHaveTextContent("Each customer's quota is its own");
    expect(screen.getByTestId('board-paused')).not.toHaveTextContent('Fabrikam');
  });

  it('says every check is paused when there is one tenant', () => {
    const until = Date.now() + 60_000;
    renderWithProviders(<PauseNotices />, { poller: testPoller({ pauses: new Map([[testSettings.tenants[0].id, until]]) }) });
    expect(screen.getByTestId('board-paused')).toHaveTextContent(`Every check is paused until ${formatClock(until)}`);
  });
});

describe('the notices of tenants that refuse', () => {
  it("names each tenant, what its admin must grant, and offers a sign-in to that tenant alone where that helps", async () => {
    const auth = signedIn();
    renderWithProviders(<TenantProblemNotices />, {
      settings: customers,
      auth,
      poller: testPoller({
        tenantProblems: new Map([
          ['tailspin.onmicrosoft.com', { kind: 'forbidden', code: 'Forbidden' }],
          ['adatum.onmicrosoft.com', { kind: 'sign-in-required', message: 'AADSTS50076: you must use multi-factor authentication' }],
        ]),
      }),
    });
    const notices = screen.getAllByTestId('tenant-problem');
    expect(notices.map((notice) => notice.querySelector('.mantine-Alert-title')?.textContent)).toEqual(['Tailspin Toys: no Defender role', 'Adatum: it asks you to verify your sign-in']);
    expect(notices[0]).toHaveTextContent('Your other customers are watched as usual.');
    expect(screen.getAllByRole('button')).toHaveLength(1);
    await userEvent.click(screen.getByRole('button', { name: 'Sign in to Adatum' }));
    expect(auth.session.signInTo).toHaveBeenCalledWith(expect.objectContaining({ authority: 'https://login.microsoftonline.com/adatum.onmicrosoft.com' }));
  });

  it('says nothing with one tenant: its rows say it, as they always did', () => {
    renderWithProviders(<TenantProblemNotices />, { poller: testPoller({ tenantProblems: new Map([[testSettings.tenants[0].id, { kind: 'forbidden' }]]) }) });
    expect(screen.queryByTestId('tenant-problem')).not.toBeInTheDocument();
  });
});
