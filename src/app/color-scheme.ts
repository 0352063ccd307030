import { localStorageColorSchemeManager, type MantineColorScheme } from '@mantine/core';

/** The analyst's choice of light, dark or the system's scheme ("auto"), remembered in this browser only. */
export const colorSchemeStorageKey = 'machine-action-watch:colour-scheme';

const colorSchemeManager = localStorageColorSchemeManager({ key: colorSchemeStorageKey });

/** MantineProvider's colour-scheme props, shared by the app and the settings error page. */
export const colorSchemeProps = { colorSchemeManager, defaultColorScheme: 'auto' } satisfies {
  colorSchemeManager: typeof colorSchemeManager;
  defaultColorScheme: MantineColorScheme;
};

/**
 * Marks <html> with the remembered scheme as soon as the app's script runs, before config.json is fetched
 * and React renders: the CSP allows no inline script in index.html to do it sooner. Until now the page
 * has followed the system (global.css); a stored choice that differs from it wins from here on.
 */
function applyRememberedColorScheme(): void {
  const chosen = colorSchemeManager.get(colorSchemeProps.defaultColorScheme);
  const systemIsDark = window.matchMedia('(prefers-color-scheme: dark)').matches;
  const scheme = chosen === 'auto' ? (systemIsDark ? 'dark' : 'light') : chosen;
  document.documentElement.setAttribute('data-mantine-color-scheme', scheme);
}

applyRememberedColorScheme();
