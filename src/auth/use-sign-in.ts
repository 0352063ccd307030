import { InteractionStatus } from '@azure/msal-browser';
import { useMsal } from '@azure/msal-react';
import { useQueryClient } from '@tanstack/react-query';
import { useServices } from '../app/services';

/** Sign-in and sign-out, each started only when no other interaction is under way (MSAL forbids it). */
export function useSignIn() {
  const { instance, inProgress } = useMsal();
  const { settings } = useServices();
  const queryClient = useQueryClient();
  const idle = inProgress === InteractionStatus.None;

  return {
    busy: !idle,
    signIn: () => {
      if (!idle) return;
      void instance.loginRedirect({ scopes: settings.scopes, redirectStartPage: window.location.href });
    },
    signOut: () => {
      if (!idle) return;
      // Nothing the analyst watched stays behind in memory for the next person at this browser.
      queryClient.clear();
      void instance.logoutRedirect({ account: instance.getActiveAccount() ?? undefined });
    },
  };
}
