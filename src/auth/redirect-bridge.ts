// The redirect URI page msal-browser v5 needs: it hands the sign-in response to the app (or to the main
// frame for popup/silent flows). Bundled with the app (no CDN) and never wrapped in MsalProvider.
import { broadcastResponseToMainFrame } from '@azure/msal-browser/redirect-bridge';

broadcastResponseToMainFrame().catch((error: unknown) => {
  const message = document.getElementById('message');
  if (message) message.textContent = `Sign-in could not be completed: ${error instanceof Error ? error.message : String(error)}`;
});
