import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { BrowserRouter } from 'react-router';
import { DefenderProvider, type DefenderSetup } from '../api/defender-context';
import { AuthProvider } from '../auth/auth-provider';
import { SettingsProvider } from '../config/settings-context';
import type { Settings } from '../config/settings';
import { PollerProvider } from '../polling/react/poller-provider';
import { AppLayout } from './app-layout';
import { AppRoutes } from './app-routes';
import { colorSchemeProps } from './color-scheme';
import { theme } from './theme';

/** The providers in the order they depend on each other: settings, the Defender client, sign-in, the poller. */
export function App({ settings, defenders }: { settings: Settings; defenders: DefenderSetup }) {
  const [queryClient] = useState(() => new QueryClient());
  return (
    <MantineProvider theme={theme} {...colorSchemeProps}>
      <QueryClientProvider client={queryClient}>
        <SettingsProvider value={settings}>
          <DefenderProvider value={defenders}>
            <BrowserRouter>
              <AuthProvider settings={settings}>
                <PollerProvider>
                  <AppLayout>
                    <AppRoutes />
                  </AppLayout>
                </PollerProvider>
              </AuthProvider>
            </BrowserRouter>
          </DefenderProvider>
        </SettingsProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
