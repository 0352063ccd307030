import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handledSoFar } from '../testing/broadcast-channels';

const channelName = 'machine-action-watch:sign-out';

/** Every channel the module under test opens, so that a test can wait on the very one it listens with. */
let opened: BroadcastChannel[] = [];
class RecordedChannel extends BroadcastChannel {
  constructor(name: string) {
    super(name);
    opened.push(this);
  }
}

/** The module afresh (whether this tab is signing out is its own state), listening as another tab would. */
async function listening(heard: () => void) {
  vi.resetModules();
  const broadcast = await import('./session-broadcast');
  const stop = broadcast.onSignOutElsewhere(heard);
  expect(opened).toHaveLength(1);
  return { ...broadcast, listener: opened[0], stop };
}

beforeEach(() => {
  opened = [];
  vi.stubGlobal('BroadcastChannel', RecordedChannel);
});

afterEach(() => {
  vi.unstubAllGlobals();
  for (const channel of opened) channel.close();
});

describe('sign-out broadcast', () => {
  it('tells another tab, and only a message of the right shape counts', async () => {
    const heard = vi.fn();
    const { listener, stop } = await listening(heard);
    const otherTab = new BroadcastChannel(channelName);
    otherTab.postMessage({ type: 'signed-in' });
    otherTab.postMessage('signed-out');
    await handledSoFar(listener);
    expect(heard).not.toHaveBeenCalled();
    otherTab.postMessage({ type: 'signed-out' });
    await handledSoFar(listener);
    expect(heard).toHaveBeenCalledTimes(1);
    stop();
  });

  it('does not take the sign-out this tab announces for another tab’s', async () => {
    const heard = vi.fn();
    const { announceSignOut, listener, stop } = await listening(heard);
    announceSignOut();
    await handledSoFar(listener);
    expect(heard).not.toHaveBeenCalled();
    stop();
  });
});
