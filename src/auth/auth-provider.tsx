import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import type { Settings } from '../config/settings';
import { AuthContext, type AuthState } from './auth-state';
import { loadMsalSession } from './load-msal-session';
import type { MsalSession, MsalState } from './msal-session';

function whenIdle(callback: () => void): () => void {
  // Safari has no requestIdleCallback.
  if (typeof window.requestIdleCallback !== 'function') {
    const handle = window.setTimeout(callback, 0);
    return () => window.clearTimeout(handle);
  }
  const handle = window.requestIdleCallback(callback, { timeout: 500 });
  return () => window.cancelIdleCallback(handle);
}

/**
 * Provides the sign-in state. MSAL is loaded once the first paint is done (or at once if the Defender
 * client asks for a token first); until then the state is "starting" and nothing that needs it renders.
 */
export function AuthProvider({ settings, children }: { settings: Settings; children: ReactNode }) {
  const navigate = useNavigate();
  const [loaded, setLoaded] = useState<MsalSession | undefined>();
  const [state, setState] = useState<AuthState>({ status: 'starting' });
  const queryClient = useQueryClient();

  useEffect(() => {
    let cancelled = false;
    const load = () =>
      loadMsalSession(settings).then(
        (session) => !cancelled && setLoaded(session),
        (error: unknown) => !cancelled && setState({ status: 'failed', error: error instanceof Error ? error : new Error(String(error)) }),
      );
    // The start page can wait for an idle moment; any other page needs sign-in before it shows anything.
    const onStartPage = window.location.pathname === import.meta.env.BASE_URL;
    const cancelIdle = onStartPage ? whenIdle(() => void load()) : (void load(), () => {});
    return () => {
      cancelled = true;
      cancelIdle();
    };
  }, [settings]);

  const onChange = useCallback(
    (msal: MsalState) => {
      if (!loaded) return;
      // Signed out in another tab: nothing the analyst watched stays in this tab's memory either.
      if (msal.signedOutElsewhere) queryClient.clear();
      setState({ status: 'ready', session: loaded.session, redirectError: loaded.redirectError, ...msal });
    },
    [loaded, queryClient],
  );

  return (
    <AuthContext.Provider value={state}>
      {loaded && <loaded.StateBridge navigate={navigate} onChange={onChange} />}
      {children}
    </AuthContext.Provider>
  );
}
