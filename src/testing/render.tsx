import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render as testingLibraryRender, type RenderOptions } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { MemoryRouter, type InitialEntry } from 'react-router';
import { vi } from 'vitest';
import { createDefenderClient } from '../../core/defender/defender-client';
import { DefenderProvider } from '../api/defender-context';
import { theme } from '../app/theme';
import { AuthContext, type AuthSession, type AuthState } from '../auth/auth-state';
import { clouds } from '../../core/defender/clouds';
import type { Settings } from '../config/settings';
import { SettingsProvider } from '../config/settings-context';
import { PollerContext, type PollerControls } from '../polling/react/poller-provider';
import { fakeDefender, testApiBaseUrl, type FakeDefender } from '../../core/testing/fake-defender';

const tenantId = 'c0ffee00-0000-4000-8000-000000000001';

/** A commercial-cloud tenant's settings, as config.json would resolve them. */
export const testSettings: Settings = {
  mode: 'tenant',
  cloudLabel: clouds.commercial.label,
  clientId: 'c0ffee00-0000-4000-8000-000000000002',
  authority: `${clouds.commercial.loginHost}/${tenantId}`,
  knownAuthorities: [new URL(clouds.commercial.loginHost).host],
  apiBaseUrl: testApiBaseUrl,
  scopes: [`${clouds.commercial.tokenResource}/Machine.Read`],
  portalUrl: clouds.commercial.portalUrl,
  quota: { share: 0.8, analystsAtOnce: 1 },
  signInCache: 'browser',
  relayUrl: undefined,
};

/** A cache like the app's, without retries (no query here has a function that reaches Defender anyway). */
export function testQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false } } });
}

/**
 * The poller's controls without a poller: nothing is ever checked, so a screen shows exactly what the test
 * put in the cache. A one-off call (a device's actions, a type's history) waits for ever unless the test
 * passes a `budgeted` of its own.
 */
export function testPoller(changes: Partial<PollerControls> = {}): PollerControls {
  return {
    setInterest: vi.fn(),
    recheck: vi.fn(),
    budgeted: () => new Promise<never>(() => {}),
    pausedUntil: undefined,
    relay: undefined,
    ...changes,
  };
}

/** Signed in, with MSAL behind spies: "Sign in again" calls `session.signIn`. */
export function signedIn(session: Partial<AuthSession> = {}): Extract<AuthState, { status: 'ready' }> {
  return {
    status: 'ready',
    session: { signIn: vi.fn(), signOut: vi.fn(), getAccessToken: () => Promise.resolve('test-token'), ...session },
    account: { name: 'Dana Analyst', username: 'dana.analyst@contoso.example' },
    busy: false,
    signedOutElsewhere: false,
  };
}

export interface ProviderOptions extends RenderOptions {
  /** Where the router starts: a path, or a location with the state a navigation carried. */
  path?: InitialEntry;
  /** The cache the screen reads, seeded by the test (see action-watches.ts); a new empty one otherwise. */
  queryClient?: QueryClient;
  poller?: PollerControls;
  auth?: AuthState;
  settings?: Settings;
  /** The Defender a one-off call reaches, when the test's poller lets one through (`budgeted`). */
  defender?: FakeDefender;
}

/**
 * Renders inside the app's providers (app/app.tsx), each a test double: the app's theme (Mantine's test
 * env: no transitions), a router at `path`, the query cache, the settings, a Defender client over the
 * in-memory fake, the sign-in state and the poller's controls. Returns them with the render result.
 */
export function renderWithProviders(ui: ReactElement, options: ProviderOptions = {}) {
  const { path = '/', queryClient = testQueryClient(), poller = testPoller(), auth = signedIn(), settings = testSettings, defender: fake = fakeDefender(), ...renderOptions } = options;
  const defender = createDefenderClient({ apiBaseUrl: settings.apiBaseUrl, getAccessToken: () => Promise.resolve('test-token'), fetch: fake.fetch });
  const result = testingLibraryRender(ui, {
    wrapper: ({ children }: { children: ReactNode }) => (
      <MantineProvider theme={theme} env="test">
        <QueryClientProvider client={queryClient}>
          <SettingsProvider value={settings}>
            <DefenderProvider value={defender}>
              <MemoryRouter initialEntries={[path]}>
                <AuthContext.Provider value={auth}>
                  <PollerContext.Provider value={poller}>{children}</PollerContext.Provider>
                </AuthContext.Provider>
              </MemoryRouter>
            </DefenderProvider>
          </SettingsProvider>
        </QueryClientProvider>
      </MantineProvider>
    ),
    ...renderOptions,
  });
  return { ...result, queryClient, poller, auth };
}
