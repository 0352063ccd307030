import './styles';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createDefenderClient } from './api/defender-client';
import { App } from './app/app';
import { createAccessTokenSource } from './auth/access-token';
import { createMsal } from './auth/create-msal';
import { loadSettings } from './config/load-settings';
import { SettingsErrorPage } from './config/settings-error-page';

const root = createRoot(document.getElementById('root')!);

async function start() {
  const result = await loadSettings(import.meta.env);
  if (!result.ok) {
    root.render(<SettingsErrorPage problems={result.problems} />);
    return;
  }
  const { settings } = result;
  const { msal, redirectError } = await createMsal(settings);
  const defender = createDefenderClient({
    apiBaseUrl: settings.apiBaseUrl,
    getAccessToken: createAccessTokenSource(msal, settings.scopes),
  });
  root.render(
    <StrictMode>
      <App msal={msal} services={{ settings, defender }} redirectError={redirectError} />
    </StrictMode>,
  );
}

start().catch((error: unknown) => {
  root.render(<SettingsErrorPage problems={[]} startupError={error instanceof Error ? error.message : String(error)} />);
});
