// Only this panel uses Switch: its styles come with its chunk, not with the first load (app/styles.ts).
import '@mantine/core/styles/InlineInput.css';
import '@mantine/core/styles/Switch.css';
import { Stack, Switch, Text } from '@mantine/core';
import { useId } from 'react';
import { useForgetListsOnSignOut } from './sign-out-choice';

/** What the account's name opens: who exactly is signed in, and the choice a shared workstation needs. */
export default function AccountPanel({ username }: { username: string }) {
  const [forgetOnSignOut, setForgetOnSignOut] = useForgetListsOnSignOut();
  const descriptionId = useId();
  return (
    <Stack gap="xs">
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        Signed in as {username}
      </Text>
      {/* Described apart: Switch's own description sits inside its label, and so in its name. */}
      <Switch
        checked={forgetOnSignOut}
        onChange={(event) => setForgetOnSignOut(event.currentTarget.checked)}
        label="Forget this browser's lists when I sign out (shared workstation)"
        aria-describedby={descriptionId}
      />
      <Text id={descriptionId} size="xs" c="dimmed">
        The watch board's IDs and the actions watched lately go when you sign out, so that the next person at this browser does not see
        them.
      </Text>
    </Stack>
  );
}
