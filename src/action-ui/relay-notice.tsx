import { Alert, Text } from '@mantine/core';
import { usePoller } from '../polling/react/poller-provider';

/**
 * Whether this tab watches through the team relay (config.json's relayUrl) or, while the relay does not
 * answer, reads Defender itself: the analyst should know when the team's one poller is not the one at work.
 * Nothing without a relay.
 */
export function RelayNotice() {
  const { relay } = usePoller();
  if (!relay) return null;
  if (relay.state === 'refused') {
    return (
      <Alert color="amber" variant="outline" title="The team relay does not accept your account" data-testid="relay-notice" data-relay-state="refused">
        This browser reads Defender itself, keeping to its own part of Defender&apos;s call limit. Your sign-in may
        lack a permission the relay needs; Defender itself says below what your account may read.
      </Alert>
    );
  }
  if (relay.state === 'unreachable') {
    return (
      <Alert color="amber" variant="outline" title="The team relay is not answering" data-testid="relay-notice" data-relay-state="unreachable">
        Meanwhile this browser reads Defender itself, keeping to its own part of Defender&apos;s call limit
        {relay.reason && relay.reason !== 'the relay cannot be reached' ? ` (${relay.reason})` : ''}. It goes back to the relay as soon as
        the relay answers.
      </Alert>
    );
  }
  return (
    <Text size="sm" c="dimmed" data-testid="relay-notice" data-relay-state={relay.state}>
      {relay.state === 'connected' ? 'Watching through the team relay: one poller for the whole team.' : 'Connecting to the team relay…'}
    </Text>
  );
}
