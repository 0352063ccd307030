import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders, signedIn } from '../../testing/render';
import { StartPage } from './start-page';

describe('the start page', () => {
  it('in a tab another tab signed out: says so, above the field that still works', () => {
    renderWithProviders(<StartPage />, { auth: { ...signedIn(), account: null, signedOutElsewhere: true } });
    expect(screen.getByTestId('signed-out-elsewhere')).toHaveTextContent('You signed out in another tab');
    expect(screen.getByLabelText('Machine action ID')).toBeInTheDocument();
  });

  it('on an ordinary load: nothing of the kind', () => {
    renderWithProviders(<StartPage />, { auth: { ...signedIn(), account: null } });
    expect(screen.queryByTestId('signed-out-elsewhere')).not.toBeInTheDocument();
  });
});
