import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { UnconfiguredPage } from './unconfigured-page';

describe('the unconfigured page', () => {
  it('names the two settings, where each kind of host takes them, and the simulator as the way to try it', () => {
    render(<UnconfiguredPage />);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('not set up for a tenant');
    const settings = within(screen.getByRole('list', { name: 'Settings to set' }));
    expect(settings.getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'tenantId: the directory (tenant) ID',
      'clientId: the application (client) ID',
    ]);
    for (const where of ['TENANT_ID', 'CLIENT_ID', 'VITE_TENANT_ID', 'npm start', '"simulator": true']) {
      expect(screen.getAllByText(where, { selector: 'code' }).length).toBeGreaterThan(0);
    }
  });
});
