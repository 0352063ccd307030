import { InteractionStatus, type PublicClientApplication } from '@azure/msal-browser';
import { MsalProvider, useMsal } from '@azure/msal-react';
import { useEffect, type ReactNode } from 'react';
import type { NavigateFunction } from 'react-router';
import type { Settings } from '../config/settings';
import { createAccessTokenSource } from './access-token';
import type { AuthSession, SignedInAccount } from './auth-state';
import { createMsal } from './create-msal';
import { RouterNavigationClient } from './router-navigation-client';

export interface MsalState {
  account: SignedInAccount | null;
  busy: boolean;
}

export interface MsalSession {
  session: AuthSession;
  redirectError: Error | undefined;
  /** Feeds msal-react's view of accounts and interactions to the app, and routes MSAL's navigations. */
  StateBridge: (props: { navigate: NavigateFunction; onChange: (state: MsalState) => void }) => ReactNode;
}

function StateReporter({ msal, navigate, onChange }: { msal: PublicClientApplication; navigate: NavigateFunction; onChange: (state: MsalState) => void }) {
  const { instance, inProgress, accounts } = useMsal();
  const active = instance.getActiveAccount() ?? accounts[0] ?? null;
  const name = active?.name;
  const username = active?.username;
  useEffect(() => msal.setNavigationClient(new RouterNavigationClient(navigate)), [msal, navigate]);
  useEffect(() => {
    onChange({ account: username === undefined ? null : { name: name || username, username }, busy: inProgress !== InteractionStatus.None });
  }, [name, username, inProgress, onChange]);
  return null;
}

export async function startMsalSession(settings: Settings): Promise<MsalSession> {
  const { msal, redirectError } = await createMsal(settings);
  const session: AuthSession = {
    // Each starts only when no other interaction is under way; MSAL would throw interaction_in_progress.
    signIn: () => void msal.loginRedirect({ scopes: settings.scopes }).catch(() => undefined),
    signOut: () => void msal.logoutRedirect({ account: msal.getActiveAccount() ?? undefined }).catch(() => undefined),
    getAccessToken: createAccessTokenSource(msal, settings.scopes),
  };
  return {
    session,
    redirectError,
    StateBridge: ({ navigate, onChange }) => (
      <MsalProvider instance={msal}>
        <StateReporter msal={msal} navigate={navigate} onChange={onChange} />
      </MsalProvider>
    ),
  };
}
