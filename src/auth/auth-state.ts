import { createContext, useContext } from 'react';
import type { TokenRequest } from '../../core/defender/defender-client';

export interface SignedInAccount {
  name: string;
  username: string;
}

/** What the app needs from sign-in; MSAL sits behind it, loaded after the first paint (msal-session.ts). */
export interface AuthSession {
  signIn(): void;
  signOut(): void;
  getAccessToken(request: TokenRequest): Promise<string>;
}

export type AuthState =
  | { status: 'starting' }
  | {
      status: 'ready';
      session: AuthSession;
      account: SignedInAccount | null;
      /** An interaction (sign-in, sign-out, redirect handling) is under way: MSAL allows one at a time. */
      busy: boolean;
      /** An error from the sign-in redirect that just came back. */
      redirectError?: Error;
      /** Another tab signed out, and this one with it. */
      signedOutElsewhere: boolean;
    }
  | { status: 'failed'; error: Error };

export const AuthContext = createContext<AuthState>({ status: 'starting' });

export function useAuth(): AuthState {
  return useContext(AuthContext);
}
