import type { PublicClientApplication } from '@azure/msal-browser';
import { MsalProvider } from '@azure/msal-react';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { BrowserRouter, useNavigate } from 'react-router';
import { RouterNavigationClient } from '../auth/router-navigation-client';
import { AppLayout } from './app-layout';
import { AppRoutes } from './app-routes';
import { ServicesProvider, type Services } from './services';
import { theme } from './theme';

interface AppProps {
  msal: PublicClientApplication;
  services: Services;
  redirectError?: Error;
}

function MsalRouterBridge({ msal }: { msal: PublicClientApplication }) {
  const navigate = useNavigate();
  useEffect(() => msal.setNavigationClient(new RouterNavigationClient(navigate)), [msal, navigate]);
  return null;
}

export function App({ msal, services, redirectError }: AppProps) {
  const [queryClient] = useState(() => new QueryClient());
  return (
    <MantineProvider theme={theme}>
      <MsalProvider instance={msal}>
        <QueryClientProvider client={queryClient}>
          <ServicesProvider services={services}>
            <BrowserRouter>
              <MsalRouterBridge msal={msal} />
              <AppLayout>
                <AppRoutes redirectError={redirectError} />
              </AppLayout>
            </BrowserRouter>
          </ServicesProvider>
        </QueryClientProvider>
      </MsalProvider>
    </MantineProvider>
  );
}
