import { useIsAuthenticated } from '@azure/msal-react';
import { Alert, Button, Loader, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useServices } from '../app/services';
import { useSignIn } from './use-sign-in';

interface RequireSignInProps {
  children: ReactNode;
  /** An error from the sign-in redirect that just came back. */
  redirectError?: Error;
}

/**
 * Shows its children to a signed-in analyst and a sign-in page to anyone else. Signing in is always a
 * click: starting it automatically is how sign-in loops are made.
 */
export function RequireSignIn({ children, redirectError }: RequireSignInProps) {
  const isAuthenticated = useIsAuthenticated();
  const { signIn, busy } = useSignIn();
  const { settings } = useServices();
  if (isAuthenticated) return children;
  return (
    <Stack gap="lg" maw={640}>
      <Title order={1}>Sign in to watch machine actions</Title>
      <Text>
        This app reads Microsoft Defender for Endpoint machine actions with your account and the read-only Machine.Read permission. It
        cannot start, change or cancel anything.
      </Text>
      {settings.mode === 'simulator' && (
        <Text size="sm" c="gray.7">
          No tenant is configured, so you sign in to the built-in simulator as a demo analyst.
        </Text>
      )}
      {redirectError && (
        <Alert color="red.9" variant="outline" title="The last sign-in did not complete">
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {redirectError.message}
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
