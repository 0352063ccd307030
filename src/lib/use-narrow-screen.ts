import { useMediaQuery } from '@mantine/hooks';

// Mantine's `sm` breakpoint, as for the header's menu (header-menu.module.css): below it a table scrolls sideways.
export const narrowScreenQuery = '(width < 48em)';

/**
 * Whether the screen is a phone's or a narrow window's, read at the first render, so that a phone never
 * paints the wide layout first. For a list that is a table on wide screens and cards on narrow ones: one or
 * the other is rendered, never both hidden by CSS, so each item is one element for assistive technology.
 */
export function useNarrowScreen(): boolean {
  return useMediaQuery(narrowScreenQuery, undefined, { getInitialValueInEffect: false });
}
