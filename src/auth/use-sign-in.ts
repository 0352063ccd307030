import { useQueryClient } from '@tanstack/react-query';
import { useAuth } from './auth-state';
import { loadForgetListsOnSignOut, type ForgettableLists } from './sign-out-choice';
import { noteSigningOut } from './sign-out-return';

/** Sign-in and sign-out, each started only when MSAL is ready and no other interaction is under way. */
export function useSignIn() {
  const auth = useAuth();
  const queryClient = useQueryClient();
  const ready = auth.status === 'ready' && !auth.busy ? auth : undefined;
  return {
    busy: !ready,
    signIn: () => ready?.session.signIn(),
    /** The interactive step one customer's tenant demands; the sign-in to the others stands. */
    signInTo: (tenant: { authority: string; scopes: string[] }) => ready?.session.signInTo(tenant),
    /** Forgets `lists` too when this browser is a shared workstation (the analyst's remembered choice). */
    signOut: (lists?: ForgettableLists) => {
      if (!ready) return;
      // Nothing the analyst watched stays behind in memory for the next person at this browser.
      queryClient.clear();
      // Now, in this page: the redirect to the identity provider leaves it, and the page it comes back to
      // may be the next person's.
      const listsForgotten = lists !== undefined && loadForgetListsOnSignOut(window.localStorage);
      if (listsForgotten) lists.forget();
      noteSigningOut(window.sessionStorage, { listsForgotten });
      ready.session.signOut();
    },
  };
}
