import { Stack } from '@mantine/core';
import { useAuth } from '../../auth/auth-state';
import { useNow } from '../../lib/use-now';
import { YourRecentActions } from './recent-actions';
import { WatchedLately } from './watched-lately';

/**
 * What the start page knows of the analyst, in a chunk of its own: the first load stays the paste field
 * alone, and this comes once sign-in is known.
 */
export default function StartPagePanels() {
  const auth = useAuth();
  const now = useNow(30_000);
  const account = auth.status === 'ready' ? auth.account : null;
  return (
    <Stack gap="lg">
      {account && <YourRecentActions requestor={account.username} now={now} />}
      <WatchedLately now={now} />
    </Stack>
  );
}
