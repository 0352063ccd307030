import { MantineProvider } from '@mantine/core';
import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { colorSchemeProps, colorSchemeStorageKey } from './color-scheme';
import { ColorSchemeSelect } from './color-scheme-select';
import { HeaderMenu } from './header-menu';
import { theme } from './theme';

function renderMenu() {
  return render(
    <MantineProvider theme={theme} env="test" {...colorSchemeProps}>
      <HeaderMenu label="Cloud and theme">
        <ColorSchemeSelect />
      </HeaderMenu>
      <p>elsewhere</p>
    </MantineProvider>,
  );
}

const content = () => document.getElementById(screen.getByRole('button', { name: 'Cloud and theme' }).getAttribute('aria-controls') ?? '');

afterEach(() => window.localStorage.clear());

describe('the header menu (what a phone keeps behind a button)', () => {
  it('opens from its button and closes with Escape, giving the focus back to the button', async () => {
    renderMenu();
    const button = screen.getByRole('button', { name: 'Cloud and theme' });
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(content()).not.toHaveAttribute('data-open');
    await userEvent.click(button);
    expect(button).toHaveAttribute('aria-expanded', 'true');
    expect(content()).toHaveAttribute('data-open');
    screen.getByLabelText('Theme').focus();
    await userEvent.keyboard('{Escape}');
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(button).toHaveFocus();
  });

  it('closes on a press outside it, not on one inside it', async () => {
    renderMenu();
    const button = screen.getByRole('button', { name: 'Cloud and theme' });
    await userEvent.click(button);
    fireEvent.pointerDown(screen.getByLabelText('Theme'));
    expect(button).toHaveAttribute('aria-expanded', 'true');
    fireEvent.pointerDown(screen.getByText('elsewhere'));
    expect(button).toHaveAttribute('aria-expanded', 'false');
  });
});

describe('the theme choice', () => {
  it('follows the system by default, and remembers light or dark in this browser', async () => {
    renderMenu();
    const select = screen.getByLabelText('Theme');
    expect(select).toHaveValue('auto');
    await userEvent.selectOptions(select, 'dark');
    expect(document.documentElement).toHaveAttribute('data-mantine-color-scheme', 'dark');
    expect(window.localStorage.getItem(colorSchemeStorageKey)).toBe('dark');
    await userEvent.selectOptions(select, 'auto');
    // jsdom's system prefers light (src/testing/setup.ts).
    expect(document.documentElement).toHaveAttribute('data-mantine-color-scheme', 'light');
    expect(window.localStorage.getItem(colorSchemeStorageKey)).toBe('auto');
  });
});
