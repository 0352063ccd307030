import { Stack } from '@mantine/core';
import { useAuth } from '../../auth/auth-state';
import { useNow } from '../../lib/use-now';
import { YourRecentActions } from './recent-actions';
import { StartPageAway } from './start-page-away';
import { useStartPageWatches } from './use-start-page-watches';
import { WatchedLately } from './watched-lately';

/**
 * What the start page knows of the analyst, in a chunk of its own: the first load stays the paste field
 * alone, and this comes once sign-in is known.
 */
export default function StartPagePanels() {
  const auth = useAuth();
  const now = useNow(30_000);
  const watches = useStartPageWatches();
  const account = auth.status === 'ready' ? auth.account : null;
  return (
    <Stack gap="lg">
      <StartPageAway watches={watches} />
      {account && <YourRecentActions requestor={account.username} now={now} />}
      <WatchedLately watches={watches} now={now} />
    </Stack>
  );
}
