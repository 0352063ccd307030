import { Alert, Text } from '@mantine/core';
import { useAuth } from './auth-state';

/** "You signed out in another tab": where this tab was left signed out by another, on whatever page it shows. */
export function SignedOutElsewhere() {
  const auth = useAuth();
  if (auth.status !== 'ready' || !auth.signedOutElsewhere) return null;
  return (
    <Alert color="amber" variant="outline" title="You signed out in another tab" data-testid="signed-out-elsewhere">
      <Text size="sm">Every tab of this browser signed out with it, and nothing is being checked. Sign in again to go on watching.</Text>
    </Alert>
  );
}
