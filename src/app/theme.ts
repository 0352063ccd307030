import { createTheme, type MantineColorsTuple } from '@mantine/core';

// Mantine's own greens and yellows are too light for text: green.9 under white text is 4.4:1 and yellow.9
// as a title on the page is 2.8:1, below WCAG AA's 4.5:1. These palettes keep Mantine's light shades (0-6)
// and darken 7-9, each of which passes 4.5:1 both under white text and as text on the grey page.
const forest: MantineColorsTuple = ['#ebfbee', '#d3f9d8', '#b2f2bb', '#8ce99a', '#69db7c', '#51cf66', '#40c057', '#237a36', '#1e6e30', '#186128'];
// Mantine's red.8, the shade that text in red takes on light, is 4.3:1 on the grey page. This red moves 7-9
// one shade darker (8 is Mantine's red.9, 5.2:1) and keeps 0-6, where the dark scheme's red text (4) comes from.
const red: MantineColorsTuple = ['#fff5f5', '#ffe3e3', '#ffc9c9', '#ffa8a8', '#ff8787', '#ff6b6b', '#fa5252', '#e03131', '#c92a2a', '#a51d1d'];
const amber: MantineColorsTuple = ['#fff9db', '#fff3bf', '#ffec99', '#ffe066', '#ffd43b', '#fcc419', '#fab005', '#a35a00', '#8f4c00', '#7d4300'];

// Both colour schemes (the analyst's choice, or the system's: color-scheme.ts). A colour given without a
// shade (`color="red"`, `c="amber"`) is picked per scheme: for text and outlines shade 8 on light and shade 4
// on dark (Mantine takes primaryShade - 4 there), each 4.5:1 or more on its page. A fixed shade is for filled
// backgrounds under white text only (the status badges), which pass in either scheme. Greys: `c="dimmed"`
// (global.css sets it per scheme), never `gray.7`, which is unreadable on dark.
export const theme = createTheme({
  primaryColor: 'blue',
  // Shade 8: white text on it passes WCAG AA contrast; Mantine's default (6) does not. On dark, filled
  // buttons keep shade 8, links and outlines take shade 4.
  primaryShade: { light: 8, dark: 8 },
  colors: { forest, amber, red },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace: 'ui-monospace, "Cascadia Mono", "Segoe UI Mono", Menlo, Consolas, monospace',
  headings: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif' },
  defaultRadius: 'sm',
});
