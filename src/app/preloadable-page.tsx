import { lazy, useState, type ComponentType } from 'react';

/**
 * A page in a chunk of its own that can be fetched ahead of its first render. A deep link fetches its
 * page while sign-in runs, so the chunk is usually here before the page is shown: it then renders at
 * once. React.lazy alone suspends on the first render even when the chunk is already here, and once a
 * Suspense fallback is on screen React keeps it there for at least 300 ms: that was most of a deep
 * link's time to status.
 */
export function preloadablePage(load: () => Promise<ComponentType>) {
  let loaded: ComponentType | undefined;
  let loading: Promise<ComponentType> | undefined;
  const preload = () =>
    (loading ??= load().then(
      (page) => (loaded = page),
      (error: unknown) => {
        loading = undefined; // a failed fetch (a new deployment, a dropped connection) is tried again
        throw error;
      },
    ));
  // React.lazy keeps a failed load for good: after a failure, the next mount (the error boundary's "Try
  // again") gets a fresh wrapper, which fetches again.
  const lazyPage = (): ComponentType =>
    lazy(() =>
      preload().then(
        (page) => ({ default: page }),
        (error: unknown) => {
          LazyPage = lazyPage();
          throw error;
        },
      ),
    );
  let LazyPage = lazyPage();

  function Page() {
    // Chosen once per mount: switching from the lazy wrapper to the page itself would mount it twice.
    const [Shown] = useState<ComponentType>(() => loaded ?? LazyPage);
    return <Shown />;
  }
  return { Page, preload };
}
