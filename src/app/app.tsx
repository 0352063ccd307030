import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { BrowserRouter } from 'react-router';
import { AuthProvider } from '../auth/auth-provider';
import { PollerProvider } from '../polling/poller-provider';
import { AppLayout } from './app-layout';
import { AppRoutes } from './app-routes';
import { ServicesProvider, type Services } from './services';
import { theme } from './theme';

export function App({ services }: { services: Services }) {
  const [queryClient] = useState(() => new QueryClient());
  return (
    <MantineProvider theme={theme}>
      <QueryClientProvider client={queryClient}>
        <ServicesProvider services={services}>
          <BrowserRouter>
            <AuthProvider settings={services.settings}>
              <PollerProvider>
                <AppLayout>
                  <AppRoutes />
                </AppLayout>
              </PollerProvider>
            </AuthProvider>
          </BrowserRouter>
        </ServicesProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
