/** What a test posts to learn that a channel has handled everything before it; no tab takes it for a message. */
export const isMarker = (data: unknown) => typeof data === 'object' && data !== null && 'marker' in data;

/**
 * Resolves once `listener` has received a marker posted now. Messages posted earlier in this page reach a
 * channel first (each is queued for it as it is posted), so by then every earlier one has been handled: a
 * test proves that something was *not* delivered without waiting a fixed time.
 */
export function handledSoFar(listener: BroadcastChannel): Promise<void> {
  const marker = crypto.randomUUID();
  const arrived = new Promise<void>((resolve) => {
    const onMessage = (event: MessageEvent) => {
      if ((event.data as { marker?: unknown } | null)?.marker !== marker) return;
      listener.removeEventListener('message', onMessage);
      resolve();
    };
    listener.addEventListener('message', onMessage);
  });
  const sender = new BroadcastChannel(listener.name);
  sender.postMessage({ marker });
  sender.close();
  return arrived;
}
