import { createContext, useContext } from 'react';
import type { TokenRequest } from '../../core/defender/defender-client';

export interface SignedInAccount {
  name: string;
  username: string;
}

/** What the app needs from sign-in; MSAL sits behind it, loaded after the first paint (msal-session.ts). */
/** A token for one tenant's Defender: the tenant's authority and its cloud's scopes. */
export interface TenantTokenRequest extends TokenRequest {
  authority: string;
  scopes: string[];
}

export interface AuthSession {
  signIn(): void;
  signOut(): void;
  getAccessToken(request: TenantTokenRequest): Promise<string>;
  /**
   * The interactive step one tenant demands (multi-factor authentication, terms of use, consent), for that
   * tenant only: the sign-in to every other tenant stands.
   */
  signInTo(tenant: Pick<TenantTokenRequest, 'authority' | 'scopes'>): void;
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
