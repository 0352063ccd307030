import { useAccount, useMsal } from '@azure/msal-react';
import { Button, Group, Text } from '@mantine/core';
import { useSignIn } from './use-sign-in';

/** Who is signed in, and the way out. */
export function AccountMenu() {
  const { instance } = useMsal();
  const account = useAccount(instance.getActiveAccount() ?? undefined);
  const { signOut, busy } = useSignIn();
  if (!account) return null;
  return (
    <Group gap="sm" wrap="nowrap">
      <Text size="sm" data-testid="signed-in-account" title={account.username} truncate maw={280}>
        {account.name || account.username}
      </Text>
      <Button variant="default" size="xs" onClick={signOut} disabled={busy}>
        Sign out
      </Button>
    </Group>
  );
}
