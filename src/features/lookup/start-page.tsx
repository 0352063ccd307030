import { Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { ActionIdForm } from '../../action-ui/action-id-form';
import { useAuth } from '../../auth/auth-state';
import { SignedOutElsewhere } from '../../auth/signed-out-elsewhere';

const StartPagePanels = lazy(() => import('./start-page-panels'));

export function StartPage() {
  const auth = useAuth();
  return (
    <Stack gap="lg" maw={720}>
      <Stack gap="xs">
        <Title order={1}>Watch a machine action</Title>
        <Text>
          Paste a Microsoft Defender for Endpoint machine action ID from a ticket (an isolation, a scan, an investigation package) and
          follow it until it finishes. Several IDs at once go on the watch board.
        </Text>
      </Stack>
      <SignedOutElsewhere />
      <ActionIdForm autoFocus />
      {auth.status === 'ready' && (
        <Suspense fallback={null}>
          <StartPagePanels />
        </Suspense>
      )}
    </Stack>
  );
}
