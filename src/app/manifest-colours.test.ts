import { DEFAULT_THEME } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import manifestText from '../../public/manifest.webmanifest?raw';
import { theme } from './theme';

// The installed app's window and splash screen take their colours from the manifest, which JSON cannot
// import from theme.ts: this keeps them the theme's.
describe('the web app manifest', () => {
  const manifest = JSON.parse(manifestText) as { theme_color: string; background_color: string };

  it("takes the theme's primary colour for the window and the light page's grey for the splash", () => {
    const primaryShade = typeof theme.primaryShade === 'object' ? theme.primaryShade.light : theme.primaryShade;
    expect(manifest.theme_color).toBe(DEFAULT_THEME.colors[theme.primaryColor ?? 'blue'][primaryShade ?? 6]);
    expect(manifest.background_color).toBe(DEFAULT_THEME.colors.gray[0]); // global.css: --app-page-background
  });
});
