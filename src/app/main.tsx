import './styles';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { DefenderSetup } from '../api/defender-context';
import { App } from './app';
import { loadMsalSession } from '../auth/load-msal-session';
import { loadSettings } from '../config/load-settings';
import type { SettingProblem } from '../config/settings';

const root = createRoot(document.getElementById('root')!);

// A deep link needs sign-in before anything else: fetch MSAL's chunk alongside config.json, not after it.
if (window.location.pathname !== import.meta.env.BASE_URL) {
  void import('../auth/msal-session');
  void import('../polling/react/start-polling');
}

// The pages for a deployment that is not set up right load only when needed: never on a working one's first load.
async function showSettingsError(problems: SettingProblem[], startupError?: string) {
  const { SettingsErrorPage } = await import('./settings-error-page');
  root.render(<SettingsErrorPage problems={problems} startupError={startupError} />);
}

async function start() {
  const result = await loadSettings(import.meta.env);
  if (!result.ok) {
    if ('unconfigured' in result) {
      const { UnconfiguredPage } = await import('./unconfigured-page');
      root.render(<UnconfiguredPage />);
    } else await showSettingsError(result.problems);
    return;
  }
  const { settings } = result;
  const defenders: DefenderSetup = {
    tenants: settings.tenants,
    // Every request asks MSAL afresh for its tenant's token (MSAL loads on first use if need be).
    getAccessToken: async (tenant, request) => (await loadMsalSession(settings)).session.getAccessToken({ ...request, authority: tenant.authority, scopes: tenant.scopes }),
    // A direct call to a Defender host that the browser refuses (no CORS) is told apart from the network's faults.
    pageOrigin: window.location.origin,
    isOnline: () => navigator.onLine,
  };
  root.render(
    <StrictMode>
      <App settings={settings} defenders={defenders} />
    </StrictMode>,
  );
}

start()
  .catch((error: unknown) => showSettingsError([], error instanceof Error ? error.message : String(error)))
  // Not even that page could load (the network went): say so in the plainest way there is.
  .catch(() => root.render(<p role="alert">Machine action watch could not start: reload the page.</p>));
