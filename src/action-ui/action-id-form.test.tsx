import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useLocation } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../testing/render';
import { ActionIdForm } from './action-id-form';
import { findActionIds } from './find-action-ids';

// The real parser, behind a spy: a paste must be read once, by the form, and not again on its way to the board.
vi.mock('./find-action-ids', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./find-action-ids')>();
  return { ...actual, findActionIds: vi.fn(actual.findActionIds) };
});

function Where() {
  const location = useLocation();
  return (
    <>
      <output data-testid="where">{location.pathname}</output>
      <output data-testid="state">{JSON.stringify(location.state)}</output>
    </>
  );
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
  beforeEach(() => {
    vi.mocked(findActionIds).mockClear();
  });

  it('is focused, and goes to the action found in pasted ticket text', async () => {
    renderForm();
    const input = screen.getByLabelText('Machine action ID');
    expect(input).toHaveFocus();
    await userEvent.click(input);
    await userEvent.paste('Ticket INC-2041: isolate, action "5F1C3A9E-2B7D-4E8F-9A6B-1C2D3E4F5A6B" please');
    await userEvent.keyboard('{Enter}');
    expect(screen.getByTestId('where')).toHaveTextContent('/actions/5f1c3a9e-2b7d-4e8f-9a6b-1c2d3e4f5a6b');
  });

  it('puts every action of a pasted ticket on the board, and says how many it found', async () => {
    window.localStorage.clear();
    renderForm();
    const input = screen.getByLabelText('Machine action ID');
    await userEvent.click(input);
    await userEvent.paste('INC-2041\n- 11111111-1111-4111-8111-000000000001\n- 11111111-1111-4111-8111-000000000002\n- 11111111-1111-4111-8111-000000000003');
    await userEvent.keyboard('{Enter}');
    expect(screen.getByTestId('where')).toHaveTextContent('/board');
    expect(screen.getByTestId('state')).toHaveTextContent('Found 3 action IDs in what you pasted: added 3.');
    expect(JSON.parse(window.localStorage.getItem('machine-action-watch:watched-ids') ?? '[]')).toHaveLength(3);
  });

  it('reads a pasted ticket once, and puts on the board the IDs it read', async () => {
    window.localStorage.clear();
    window.localStorage.setItem('machine-action-watch:watched-ids', JSON.stringify(['11111111-1111-4111-8111-000000000001']));
    renderForm();
    await userEvent.click(screen.getByLabelText('Machine action ID'));
    await userEvent.paste('11111111-1111-4111-8111-000000000001 and 11111111-1111-4111-8111-00000000000A, 11111111-1111-4111-8111-000000000001');
    await userEvent.keyboard('{Enter}');
    expect(findActionIds).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('state')).toHaveTextContent('Found 2 action IDs in what you pasted: added 1; 1 was already watched.');
    expect(JSON.parse(window.localStorage.getItem('machine-action-watch:watched-ids') ?? '[]')).toEqual([
      '11111111-1111-4111-8111-000000000001',
      '11111111-1111-4111-8111-00000000000a',
    ]);
  });

  it('starts a new line on Shift+Enter rather than watching', async () => {
    renderForm();
    const input = screen.getByLabelText('Machine action ID');
    await userEvent.type(input, 'first line{Shift>}{Enter}{/Shift}second');
    expect(input).toHaveValue('first line\nsecond');
    expect(screen.getByTestId('where')).toHaveTextContent(/^\/$/);
  });

  it('keeps text without an ID, says so, and goes nowhere', async () => {
    renderForm();
    const input = screen.getByLabelText('Machine action ID');
    await userEvent.type(input, 'isolate finance-ws-014 please{Enter}');
    expect(screen.getByText(/No machine action ID found in this text/)).toBeVisible();
    expect(input).toHaveValue('isolate finance-ws-014 please');
    await userEvent.click(screen.getByRole('button', { name: 'Watch' }));
    expect(screen.getByText(/No machine action ID found in this text/)).toBeVisible();
    expect(input).toHaveValue('isolate finance-ws-014 please');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByTestId('where')).toHaveTextContent(/^\/$/);
  });
});
