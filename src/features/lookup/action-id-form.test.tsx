import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../testing/render';
import { ActionIdForm } from './action-id-form';

function Where() {
  return <output data-testid="where">{useLocation().pathname}</output>;
}

function renderForm() {
  return renderWithProviders(
    <Routes>
      <Route
        path="*"
        element={
          <>
            <ActionIdForm autoFocus />
            <Where />
          </>
        }
      />
    </Routes>,
  );
}

describe('ActionIdForm', () => {
  it('is focused, and goes to the action found in pasted ticket text', async () => {
    renderForm();
    const input = screen.getByLabelText('Machine action ID');
    expect(input).toHaveFocus();
    await userEvent.click(input);
    await userEvent.paste('Ticket INC-2041: isolate, action "5F1C3A9E-2B7D-4E8F-9A6B-1C2D3E4F5A6B" please');
    await userEvent.keyboard('{Enter}');
    expect(screen.getByTestId('where')).toHaveTextContent('/actions/5f1c3a9e-2b7d-4e8f-9a6b-1c2d3e4f5a6b');
  });

  it('keeps text without an ID, says so, and goes nowhere', async () => {
    renderForm();
    const input = screen.getByLabelText('Machine action ID');
    await userEvent.type(input, 'isolate finance-ws-014 please');
    await userEvent.click(screen.getByRole('button', { name: 'Watch' }));
    expect(screen.getByText(/No machine action ID found in this text/)).toBeVisible();
    expect(input).toHaveValue('isolate finance-ws-014 please');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByTestId('where')).toHaveTextContent(/^\/$/);
  });
});
