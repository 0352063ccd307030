import { Anchor, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { Suspense } from 'react';
import { ErrorBoundary } from 'react-error-boundary';
import { Link, Route, Routes, useLocation } from 'react-router';
import { RequireSignIn } from '../auth/require-sign-in';
import { StartPage } from '../features/lookup/start-page';
import { PageError } from './page-error';
import { preloadablePage } from './preloadable-page';

// The start page is part of the first load; the other pages (and what only they need) come in chunks of
// their own. A deep link starts loading its page at once, alongside sign-in, rather than after it (a
// failed fetch is tried again, and reported, when the page renders).
const actionPage = preloadablePage(() => import('../features/action-watch/action-page').then((module) => module.ActionPage));
const boardPage = preloadablePage(() => import('../features/watch-board/board-page').then((module) => module.BoardPage));
if (/^\/(t\/[^/]+\/)?actions\//.test(window.location.pathname)) void actionPage.preload().catch(() => undefined);
if (window.location.pathname.startsWith('/board')) void boardPage.preload().catch(() => undefined);
const ActionPage = actionPage.Page;
const BoardPage = boardPage.Page;

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

function PageLoading() {
  return (
    <Group gap="xs" role="status">
      <Loader size="sm" aria-hidden />
      <Text>Loading…</Text>
    </Group>
  );
}

export function AppRoutes() {
  const location = useLocation();
  return (
    // Keyed by path: moving to another page clears an error the last one hit.
    <ErrorBoundary FallbackComponent={PageError} resetKeys={[location.pathname]}>
      <Suspense fallback={<PageLoading />}>
        <Routes>
          {/* The start page needs no sign-in: it only reads what the analyst pastes. */}
          <Route path="/" element={<StartPage />} />
          <Route
            path="/actions/:id"
            element={
              <RequireSignIn>
                <ActionPage />
              </RequireSignIn>
            }
          />
          {/* A link from a customer's ticket names the tenant: the action is asked there at once, and nowhere else. */}
          <Route
            path="/t/:tenant/actions/:id"
            element={
              <RequireSignIn>
                <ActionPage />
              </RequireSignIn>
            }
          />
          <Route
            path="/board"
            element={
              <RequireSignIn>
                <BoardPage />
              </RequireSignIn>
            }
          />
          <Route path="*" element={<UnknownPage />} />
        </Routes>
      </Suspense>
    </ErrorBoundary>
  );
}
