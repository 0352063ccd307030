import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render as testingLibraryRender, type RenderOptions } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { MemoryRouter, type InitialEntry } from 'react-router';
import { vi } from 'vitest';
import { DefenderProvider, type DefenderSetup } from '../api/defender-context';
import { theme } from '../app/theme';
import { AuthContext, type AuthSession, type AuthState } from '../auth/auth-state';
import { clouds } from '../../core/defender/clouds';
import type { Settings, TenantSettings } from '../config/settings';
import { SettingsProvider } from '../config/settings-context';
import { PollerContext, type PollerControls } from '../polling/react/poller-provider';
import { fakeDefender, testApiBaseUrl, type FakeDefender } from '../../core/testing/fake-defender';

const tenantId = 'c0ffee00-0000-4000-8000-000000000001';

/** A commercial-cloud tenant's settings, as config.json would resolve them. */
const testTenant: TenantSettings = {
  id: tenantId,
  name: '',
  authority: `${clouds.commercial.loginHost}/${tenantId}`,
  apiBaseUrl: testApiBaseUrl,
  scopes: [`${clouds.commercial.tokenResource}/Machine.Read`],
  portalUrl: clouds.commercial.portalUrl,
};

export const testSettings: Settings = {
  mode: 'tenant',
  cloudLabel: clouds.commercial.label,
  clientId: 'c0ffee00-0000-4000-8000-000000000002',
  authority: testTenant.authority,
  knownAuthorities: [new URL(clouds.commercial.loginHost).host],
  apiBaseUrl: testTenant.apiBaseUrl,
  scopes: testTenant.scopes,
  portalUrl: testTenant.portalUrl,
  tenants: [testTenant],
  quota: { share: 0.8, analystsAtOnce: 1 },
  signInCache: 'browser',
  relayUrl: undefined,
};

/** An MSSP's settings: the home tenant signed in to, and its customers' tenants by name. */
export function customerSettings(customers: readonly { id: string; name: string }[]): Settings {
  return { ...testSettings, tenants: customers.map((customer) => ({ ...testTenant, authority: `${clouds.commercial.loginHost}/${customer.id}`, ...customer })) };
}

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
    pauses: new Map(),
    tenantProblems: new Map(),
    relay: undefined,
    ...changes,
  };
}

/** Signed in, with MSAL behind spies: "Sign in again" calls `session.signIn`. */
export function signedIn(session: Partial<AuthSession> = {}): Extract<AuthState, { status: 'ready' }> {
  return {
    status: 'ready',
    session: { signIn: vi.fn(), signOut: vi.fn(), signInTo: vi.fn(), getAccessToken: () => Promise.resolve('test-token'), ...session },
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
  /** With several tenants, each tenant's own Defender, by tenant ID (a call reaches the one whose token it carries). */
  tenantDefenders?: Readonly<Record<string, FakeDefender>>;
}

/**
 * Renders inside the app's providers (app/app.tsx), each a test double: the app's theme (Mantine's test
 * env: no transitions), a router at `path`, the query cache, the settings, a Defender client over the
 * in-memory fake, the sign-in state and the poller's controls. Returns them with the render result.
 */
export function renderWithProviders(ui: ReactElement, options: ProviderOptions = {}) {
  const { path = '/', queryClient = testQueryClient(), poller = testPoller(), auth = signedIn(), settings = testSettings, defender: fake = fakeDefender(), tenantDefenders, ...renderOptions } = options;
  // One fake for every tenant, or each tenant's own, told apart by the token each tenant's client sends.
  const defenders: DefenderSetup = tenantDefenders
    ? {
        tenants: settings.tenants,
        getAccessToken: (tenant) => Promise.resolve(`token-${tenant.id}`),
        fetch: (input, init) => tenantDefenders[(new Headers(init?.headers).get('Authorization') ?? '').replace('Bearer token-', '')].fetch(input, init),
      }
    : { tenants: settings.tenants, getAccessToken: () => Promise.resolve('test-token'), fetch: fake.fetch };
  const result = testingLibraryRender(ui, {
    wrapper: ({ children }: { children: ReactNode }) => (
      <MantineProvider theme={theme} env="test">
        <QueryClientProvider client={queryClient}>
          <SettingsProvider value={settings}>
            <DefenderProvider value={defenders}>
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
