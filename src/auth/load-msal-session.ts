import type { Settings } from '../config/settings';
import type { MsalSession } from './msal-session';

let loading: Promise<MsalSession> | undefined;

/**
 * Loads MSAL (the largest package by far) in a chunk of its own and starts it, once: the start page renders
 * without it, and every caller (the header, the sign-in gate, the Defender client's token source) shares
 * the one instance.
 */
export function loadMsalSession(settings: Settings): Promise<MsalSession> {
  loading ??= import('./msal-session').then(({ startMsalSession }) => startMsalSession(settings));
  return loading;
}
