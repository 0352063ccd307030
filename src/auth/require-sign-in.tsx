import { Alert, Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useSettings } from '../config/settings-context';
import { useAuth } from './auth-state';
import { SignedOutElsewhere } from './signed-out-elsewhere';
import { useSignIn } from './use-sign-in';

/**
 * Shows its children to a signed-in analyst and a sign-in page to anyone else. Signing in is always a
 * click: starting it automatically is how sign-in loops are made.
 */
export function RequireSignIn({ children }: { children: ReactNode }) {
  const auth = useAuth();
  const { signIn, busy } = useSignIn();
  const settings = useSettings();
  if (auth.status === 'ready' && auth.account) return children;
  if (auth.status === 'starting') {
    return (
      <Group gap="xs" role="status">
        <Loader size="sm" aria-hidden />
        <Text>Checking your sign-in…</Text>
      </Group>
    );
  }
  if (auth.status === 'failed') {
    return (
      <Alert color="red" variant="outline" title="Sign-in is not available">
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {auth.error.message}
        </Text>
      </Alert>
    );
  }
  return (
    <Stack gap="lg" maw={640}>
      <Title order={1}>Sign in to watch machine actions</Title>
      <Text>
        This app reads Microsoft Defender for Endpoint machine actions with your account and the read-only Machine.Read permission. It
        cannot start, change or cancel anything.
      </Text>
      {settings.mode === 'simulator' && (
        <Text size="sm" c="dimmed">
          No tenant is configured, so you sign in to the built-in simulator as a demo analyst.
        </Text>
      )}
      <SignedOutElsewhere />
      {auth.redirectError && (
        <Alert color="red" variant="outline" title="The last sign-in did not complete">
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {auth.redirectError.message}
          </Text>
        </Alert>
      )}
      <div>
        <Button onClick={signIn} disabled={busy} leftSection={busy ? <Loader size="xs" color="white" aria-hidden /> : undefined}>
          Sign in
        </Button>
      </div>
    </Stack>
  );
}
