import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { readWatch } from '../../testing/action-watches';
import { apiTime, machineAction } from '../../../core/testing/machine-actions';
import { customerSettings } from '../../testing/render';
import { screenTestsAt } from '../../testing/screen-clock';
import { guid, renderBoardPage } from '../../testing/screens';
import { rememberTenants } from '../../polling/tenants/action-tenants';
import { loadWatchList } from '../../action-ui/watch-list';
import { readActionTenants } from '../../polling/tenants/action-tenants';

const now = Date.parse('2026-03-02T10:00:00.000Z');
const fabrikamId = guid('22222222-2222-4222-8222-000000000001');
const northwindId = guid('33333333-3333-4333-8333-000000000001');
const unknownId = guid('44444444-4444-4444-8444-000000000001');
const settings = customerSettings([
  { id: 'fabrikam.onmicrosoft.com', name: 'Fabrikam' },
  { id: 'northwind.onmicrosoft.com', name: 'Northwind Traders' },
]);

screenTestsAt(now);
afterEach(() => localStorage.clear());

function running(id: string, device: string) {
  return readWatch(machineAction({ id, status: 'InProgress', computerDnsName: device, creationDateTimeUtc: apiTime(now - 60_000) }), now - 1_000);
}

describe('a board of several customers', () => {
  it("names each row's customer, and shows one customer's rows when asked", async () => {
    rememberTenants([
      [fabrikamId, 'fabrikam.onmicrosoft.com'],
      [northwindId, 'northwind.onmicrosoft.com'],
    ]);
    renderBoardPage([fabrikamId, northwindId, unknownId], {
      settings,
      watches: [
        { id: fabrikamId, watch: running(fabrikamId, 'fab-web-01.fabrikam.example'), checkedAt: now - 1_000 },
        { id: northwindId, watch: running(northwindId, 'nw-sql-02.northwind.example'), checkedAt: now - 1_000 },
      ],
    });
    expect(screen.getAllByTestId('row-customer').map((cell) => cell.textContent)).toEqual(['Fabrikam', 'Northwind Traders', 'looking up']);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Customer' }), 'Northwind Traders');
    expect(screen.getAllByTestId('watch-row').map((row) => row.getAttribute('data-action-id'))).toEqual([northwindId]);
  });

  it("opens a board link's IDs in the tenants it names, where the app watches them", () => {
    localStorage.clear();
    renderBoardPage([], { settings, path: `/board#ids=${fabrikamId}~fabrikam.onmicrosoft.com,${unknownId}~adatum.onmicrosoft.com` });
    expect(loadWatchList(localStorage)).toEqual([fabrikamId, unknownId]);
    expect(readActionTenants()).toEqual(new Map([[fabrikamId, 'fabrikam.onmicrosoft.com']]));
  });
});
