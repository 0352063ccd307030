import { Button, Group, Text } from '@mantine/core';
import { useAuth } from './auth-state';
import { useSignIn } from './use-sign-in';

/** Who is signed in and the way out; or the way in. Empty while sign-in is still starting. */
export function AccountMenu() {
  const auth = useAuth();
  const { signIn, signOut, busy } = useSignIn();
  if (auth.status !== 'ready') return null;
  if (!auth.account) {
    return (
      <Button size="xs" onClick={signIn} disabled={busy}>
        Sign in
      </Button>
    );
  }
  return (
    <Group gap="sm" wrap="nowrap">
      <Text size="sm" data-testid="signed-in-account" title={auth.account.username} truncate maw={280}>
        {auth.account.name}
      </Text>
      <Button variant="default" size="xs" onClick={signOut} disabled={busy}>
        Sign out
      </Button>
    </Group>
  );
}
