import { Alert, Button, Stack, Text } from '@mantine/core';
import type { FallbackProps } from 'react-error-boundary';

/** What an unexpected error inside a page shows: the page stays up, the header and sign-out still work. */
export function PageError({ error, resetErrorBoundary }: FallbackProps) {
  const message = error instanceof Error ? error.message : String(error);
  return (
    <Stack maw={640}>
      <Alert color="red" variant="outline" title="Something went wrong on this page">
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {message}
        </Text>
      </Alert>
      <div>
        <Button onClick={resetErrorBoundary}>Try again</Button>
      </div>
    </Stack>
  );
}
