import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Guid } from '../../../core/lib/guid';
import { fakeDefender } from '../../../core/testing/fake-defender';
import { actionBody } from '../../../core/testing/machine-actions';
import { readActionTenants } from '../../polling/tenants/action-tenants';
import { customerSettings, renderWithProviders, testPoller } from '../../testing/render';
import { YourRecentActions } from './recent-actions';

const dana = 'dana.analyst@contoso.example';
const settings = customerSettings([
  { id: 'fabrikam.onmicrosoft.com', name: 'Fabrikam' },
  { id: 'northwind.onmicrosoft.com', name: 'Northwind Traders' },
  { id: 'tailspin.onmicrosoft.com', name: 'Tailspin Toys' },
]);
const fabrikamScan = '55555555-5555-4555-8555-000000000001' as Guid;
const northwindIsolation = '33333333-3333-4333-8333-000000000001' as Guid;

afterEach(() => localStorage.clear());

describe("the analyst's recent actions, with several customers", () => {
  it('lists what she requested in every tenant, each named by its customer, and a tenant that refused in a line of its own', async () => {
    const fabrikam = fakeDefender();
    fabrikam.answerNext({ value: [actionBody({ id: fabrikamScan, status: 'InProgress', type: 'RunAntiVirusScan', requestor: dana, computerDnsName: 'fab-web-01.fabrikam.example' })] });
    const northwind = fakeDefender();
    northwind.answerNext({ value: [actionBody({ id: northwindIsolation, status: 'Succeeded', type: 'Isolate', requestor: dana, computerDnsName: 'nw-pos-07.northwind.example' })] });
    const tailspin = fakeDefender();
    tailspin.failNext(403, { code: 'Forbidden', message: 'no role' });
    renderWithProviders(<YourRecentActions requestor={dana} now={Date.now()} />, {
      settings,
      poller: testPoller({ budgeted: (_tenant, call) => call() }),
      tenantDefenders: { 'fabrikam.onmicrosoft.com': fabrikam, 'northwind.onmicrosoft.com': northwind, 'tailspin.onmicrosoft.com': tailspin },
    });
    const lines = await screen.findAllByTestId('recent-action');
    expect(lines.map((line) => line.textContent)).toEqual([expect.stringMatching(/fab-web-01\.fabrikam\.example \(Fabrikam\)/), expect.stringMatching(/nw-pos-07\.northwind\.example \(Northwind Traders\)/)]);
    expect(await screen.findByText(/^Tailspin Toys: /)).toBeInTheDocument();
    // Each is remembered in its tenant: opening one asks no other tenant.
    expect(readActionTenants()).toEqual(new Map([[fabrikamScan, 'fabrikam.onmicrosoft.com'], [northwindIsolation, 'northwind.onmicrosoft.com']]));
  });
});
