import { Anchor, Stack, Text, Title } from '@mantine/core';
import { ErrorBoundary } from 'react-error-boundary';
import { Link, Route, Routes, useLocation } from 'react-router';
import { RequireSignIn } from '../auth/require-sign-in';
import { ActionPage } from '../features/action-watch/action-page';
import { StartPage } from '../features/lookup/start-page';
import { PageError } from './page-error';

function UnknownPage() {
  return (
    <Stack>
      <Title order={1}>Page not found</Title>
      <Text>
        <Anchor component={Link} to="/">
          Go to the start page
        </Anchor>{' '}
        to watch a machine action.
      </Text>
    </Stack>
  );
}

export function AppRoutes({ redirectError }: { redirectError?: Error }) {
  const location = useLocation();
  return (
    // Keyed by path: moving to another page clears an error the last one hit.
    <ErrorBoundary FallbackComponent={PageError} resetKeys={[location.pathname]}>
      <RequireSignIn redirectError={redirectError}>
        <Routes>
          <Route path="/" element={<StartPage />} />
          <Route path="/actions/:id" element={<ActionPage />} />
          <Route path="*" element={<UnknownPage />} />
        </Routes>
      </RequireSignIn>
    </ErrorBoundary>
  );
}
