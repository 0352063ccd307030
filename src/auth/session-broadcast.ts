// Every tab signs out when one does: the tab that signs out says so on this channel before it leaves for
// the identity provider, and every other tab drops its sign-in at once. MSAL's own cache events do not
// reach a per-tab (sessionStorage) cache, and msal-react does not re-read accounts on them. A sign-in is
// told too: a tab whose checks stopped at "sign in again" tries them once more.
const channelName = 'machine-action-watch:sign-out';

type SessionEvent = 'signed-out' | 'signed-in';

function isEvent(data: unknown, type: SessionEvent): boolean {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === type;
}

function announce(type: SessionEvent): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(channelName);
  channel.postMessage({ type });
  channel.close();
}

function listen(type: SessionEvent, callback: () => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => {};
  const channel = new BroadcastChannel(channelName);
  channel.addEventListener('message', (event: MessageEvent) => {
    if (isEvent(event.data, type)) callback();
  });
  return () => channel.close();
}

// BroadcastChannel delivers to every other channel object, this page's own listener included: the tab
// that signs out must not take its own message for another tab's.
let signingOutHere = false;

export function announceSignOut(): void {
  signingOutHere = true;
  announce('signed-out');
}

/** Calls back when another tab of this browser signs out; returns the way to stop listening. */
export function onSignOutElsewhere(callback: () => void): () => void {
  return listen('signed-out', () => {
    if (!signingOutHere) callback();
  });
}

/** This tab has just come back from signing in. */
export function announceSignIn(): void {
  announce('signed-in');
}

export function onSignInElsewhere(callback: () => void): () => void {
  return listen('signed-in', callback);
}
