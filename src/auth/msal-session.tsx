import { InteractionStatus, type PublicClientApplication } from '@azure/msal-browser';
import { MsalProvider, useMsal } from '@azure/msal-react';
import { useEffect, useState, type ReactNode } from 'react';
import type { NavigateFunction } from 'react-router';
import type { Settings } from '../config/settings';
import { createAccessTokenSource } from './access-token';
import type { AuthSession, SignedInAccount } from './auth-state';
import { createMsal } from './create-msal';
import { RouterNavigationClient } from './router-navigation-client';
import { announceSignIn, announceSignOut, onSignOutElsewhere } from './session-broadcast';

export interface MsalState {
  account: SignedInAccount | null;
  busy: boolean;
  /** Another tab signed out: this one dropped its sign-in too and makes no call until signed in again. */
  signedOutElsewhere: boolean;
}

export interface MsalSession {
  session: AuthSession;
  redirectError: Error | undefined;
  /** Feeds msal-react's view of accounts and interactions to the app, and routes MSAL's navigations. */
  StateBridge: (props: { navigate: NavigateFunction; onChange: (state: MsalState) => void }) => ReactNode;
}

function StateReporter({ msal, navigate, onChange }: { msal: PublicClientApplication; navigate: NavigateFunction; onChange: (state: MsalState) => void }) {
  const { instance, inProgress, accounts } = useMsal();
  const [signedOutElsewhere, setSignedOutElsewhere] = useState(false);
  const active = signedOutElsewhere ? null : (instance.getActiveAccount() ?? accounts[0] ?? null);
  const name = active?.name;
  const username = active?.username;
  useEffect(() => msal.setNavigationClient(new RouterNavigationClient(navigate)), [msal, navigate]);
  useEffect(
    () =>
      onSignOutElsewhere(() => {
        // The token source finds no account from here on, so no call goes out with what was cached.
        msal.setActiveAccount(null);
        setSignedOutElsewhere(true);
        void msal.clearCache().catch(() => undefined);
      }),
    [msal],
  );
  useEffect(() => {
    onChange({
      account: username === undefined ? null : { name: name || username, username },
      busy: inProgress !== InteractionStatus.None,
      signedOutElsewhere,
    });
  }, [name, username, inProgress, signedOutElsewhere, onChange]);
  return null;
}

export async function startMsalSession(settings: Settings): Promise<MsalSession> {
  const { msal, redirectError, signedInNow } = await createMsal(settings);
  if (signedInNow) announceSignIn();
  const session: AuthSession = {
    // Each starts only when no other interaction is under way; MSAL would throw interaction_in_progress.
    signIn: () => void msal.loginRedirect({ scopes: settings.scopes }).catch(() => undefined),
    signOut: () => {
      announceSignOut();
      void msal.logoutRedirect({ account: msal.getActiveAccount() ?? undefined }).catch(() => undefined);
    },
    getAccessToken: createAccessTokenSource(msal),
    signInTo: ({ authority, scopes }) =>
      void msal.acquireTokenRedirect({ scopes, authority, account: msal.getActiveAccount() ?? undefined, redirectStartPage: window.location.href }).catch(() => undefined),
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
