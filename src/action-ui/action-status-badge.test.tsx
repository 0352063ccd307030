import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../testing/render';
import { ActionStatusBadge } from './action-status-badge';

/** The badge as drawn: its words, its tone, and the colours Mantine set on it (CSS variables naming a palette). */
function badgeOf(status: string, stale = false) {
  renderWithProviders(<ActionStatusBadge status={status} testId={`${status}-${stale}`} stale={stale} />);
  const badge = screen.getByTestId(`${status}-${stale}`);
  return { badge, background: badge.style.getPropertyValue('--badge-bg'), border: badge.style.getPropertyValue('--badge-bd') };
}

describe('the status badge', () => {
  it('a cancellation needs attention, as a failure does, but is grey where a failure is red', () => {
    const cancelled = badgeOf('Cancelled');
    expect(cancelled.badge).toHaveTextContent('Cancelled');
    expect(cancelled.badge).toHaveAttribute('data-tone', 'attention');
    expect(cancelled.badge).toHaveAttribute('title', 'needs attention');
    expect(cancelled.background).toBe('var(--mantine-color-gray-8)');
    expect(badgeOf('Failed').background).toBe('var(--mantine-color-red-8)');
    expect(badgeOf('TimeOut').background).toBe('var(--mantine-color-red-8)');
  });

  it('outlined at the last good read: a cancellation in grey, a failure in red', () => {
    expect(badgeOf('Cancelled', true).border).toContain('var(--mantine-color-gray-outline)');
    expect(badgeOf('Failed', true).border).toContain('var(--mantine-color-red-outline)');
  });

  it('the other statuses keep their colours', () => {
    expect(['Succeeded', 'Pending', 'Queued'].map((status) => badgeOf(status).background)).toEqual([
      'var(--mantine-color-forest-8)',
      'var(--mantine-color-blue-8)',
      'var(--mantine-color-gray-7)',
    ]);
  });
});
