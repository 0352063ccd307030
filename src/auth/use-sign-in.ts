import { useQueryClient } from '@tanstack/react-query';
import { useAuth } from './auth-state';

/** Sign-in and sign-out, each started only when MSAL is ready and no other interaction is under way. */
export function useSignIn() {
  const auth = useAuth();
  const queryClient = useQueryClient();
  const ready = auth.status === 'ready' && !auth.busy ? auth : undefined;
  return {
    busy: !ready,
    signIn: () => ready?.session.signIn(),
    signOut: () => {
      if (!ready) return;
      // Nothing the analyst watched stays behind in memory for the next person at this browser.
      queryClient.clear();
      ready.session.signOut();
    },
  };
}
