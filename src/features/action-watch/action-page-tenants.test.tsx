import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { readWatch } from '../../testing/action-watches';
import { actionId, machineAction } from '../../../core/testing/machine-actions';
import { customerSettings } from '../../testing/render';
import { screenTestsAt } from '../../testing/screen-clock';
import { guid, renderActionPage } from '../../testing/screens';
import { readActionTenants } from '../../polling/tenants/action-tenants';

const now = Date.parse('2026-03-02T10:00:00.000Z');
const id = guid(actionId);
const machineId = '1e5bc9d7e413ddd7902c2932e418702b84d0cc07';
const settings = customerSettings([
  { id: 'fabrikam.onmicrosoft.com', name: 'Fabrikam' },
  { id: '5b2e7d9c-1f3a-4c8e-8d6b-2a4c6e8f0b72', name: 'Northwind Traders' },
]);

screenTestsAt(now);
afterEach(() => localStorage.clear());

describe('the action page of a customer’s action', () => {
  it('opens a link with its tenant in that tenant: remembered before any call, the customer named beside the device', () => {
    const watch = readWatch(machineAction({ status: 'Failed', machineId, errorHResult: -2147024891 }), now - 5_000);
    renderActionPage(actionId, { settings, tenant: 'Fabrikam.onmicrosoft.com', watches: [{ id, watch, checkedAt: now - 5_000 }] });
    expect(readActionTenants().get(id)).toBe('fabrikam.onmicrosoft.com');
    expect(screen.getByText('Machine action in Fabrikam')).toBeInTheDocument();
    expect(screen.getByTestId('action-customer')).toHaveTextContent('Fabrikam');
    // The portal opens the device with the customer's tenant selected.
    for (const link of screen.getAllByRole('link', { name: 'Open the device in the Defender portal' })) {
      expect(link).toHaveAttribute('href', `https://security.microsoft.com/machines/${machineId}?tid=fabrikam.onmicrosoft.com`);
    }
  });

  it("takes the customer's name in a link as well as the tenant's ID", () => {
    window.history.replaceState(null, '', `/t/northwind%20traders/actions/${id}`); // as the browser opened the link
    renderActionPage(actionId, { settings, tenant: 'northwind traders' });
    expect(readActionTenants().get(id)).toBe('5b2e7d9c-1f3a-4c8e-8d6b-2a4c6e8f0b72');
    // The address names the tenant by its ID once known, whatever the link said: a copy of it opens there.
    expect(window.location.pathname).toBe(`/t/5b2e7d9c-1f3a-4c8e-8d6b-2a4c6e8f0b72/actions/${id}`);
  });

  it('refuses a link to a tenant the app does not watch, naming the ones it does, and asks nothing', () => {
    renderActionPage(actionId, { settings, tenant: 'adatum.onmicrosoft.com' });
    expect(screen.getByRole('heading', { name: 'Not one of your tenants' })).toBeInTheDocument();
    expect(screen.getByText(/“adatum.onmicrosoft.com” is not among the tenants this app is set up for \(Fabrikam, Northwind Traders\)/)).toBeInTheDocument();
    expect(readActionTenants().size).toBe(0);
  });

  it('names no customer when the app watches one tenant', () => {
    const watch = readWatch(machineAction({ status: 'Succeeded', machineId }), now - 5_000);
    renderActionPage(actionId, { watches: [{ id, watch, checkedAt: now - 5_000 }] });
    expect(screen.getByText('Machine action')).toBeInTheDocument();
    expect(screen.queryByTestId('action-customer')).not.toBeInTheDocument();
    expect(screen.getAllByRole('link', { name: 'Open the device in the Defender portal' })[0]).toHaveAttribute('href', `https://security.microsoft.com/machines/${machineId}`);
  });
});
