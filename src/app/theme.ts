import { createTheme, type MantineColorsTuple } from '@mantine/core';

// Mantine's own greens and yellows are too light for text: green.9 under white text is 4.4:1 and yellow.9
// as a title on the page is 2.8:1, below WCAG AA's 4.5:1. These palettes keep Mantine's light shades (0-6)
// and darken 7-9, each of which passes 4.5:1 both under white text and as text on the grey page.
const forest: MantineColorsTuple = ['#ebfbee', '#d3f9d8', '#b2f2bb', '#8ce99a', '#69db7c', '#51cf66', '#40c057', '#237a36', '#1e6e30', '#186128'];
const amber: MantineColorsTuple = ['#fff9db', '#fff3bf', '#ffec99', '#ffe066', '#ffd43b', '#fcc419', '#fab005', '#a35a00', '#8f4c00', '#7d4300'];

export const theme = createTheme({
  primaryColor: 'blue',
  // Shade 8: white text on it passes WCAG AA contrast; Mantine's default (6) does not.
  primaryShade: 8,
  colors: { forest, amber },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace: 'ui-monospace, "Cascadia Mono", "Segoe UI Mono", Menlo, Consolas, monospace',
  headings: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif' },
  defaultRadius: 'sm',
});
