import { describe, expect, it, vi } from 'vitest';
import { announceSignOut, onSignOutElsewhere } from './session-broadcast';

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('sign-out broadcast', () => {
  it('tells another tab, and only a message of the right shape counts', async () => {
    const heard = vi.fn();
    const stop = onSignOutElsewhere(heard);
    const otherTab = new BroadcastChannel('machine-action-watch:sign-out');
    otherTab.postMessage({ type: 'signed-in' });
    otherTab.postMessage('signed-out');
    await settle();
    expect(heard).not.toHaveBeenCalled();
    otherTab.postMessage({ type: 'signed-out' });
    await settle();
    expect(heard).toHaveBeenCalledTimes(1);
    otherTab.close();
    stop();
  });

  it('does not take the sign-out this tab announces for another tab’s', async () => {
    const heard = vi.fn();
    const stop = onSignOutElsewhere(heard);
    announceSignOut();
    await settle();
    expect(heard).not.toHaveBeenCalled();
    stop();
  });
});
