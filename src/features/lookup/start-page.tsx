import { Stack, Text, Title } from '@mantine/core';
import { ActionIdForm } from './action-id-form';

export function StartPage() {
  return (
    <Stack gap="lg" maw={720}>
      <Stack gap="xs">
        <Title order={1}>Watch a machine action</Title>
        <Text>
          Paste a Microsoft Defender for Endpoint machine action ID from a ticket (an isolation, a scan, an investigation package) and
          follow it until it finishes.
        </Text>
      </Stack>
      <ActionIdForm autoFocus />
    </Stack>
  );
}
