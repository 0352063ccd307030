import { fireEvent, render, screen } from '@testing-library/react';
import { Suspense, type ComponentType } from 'react';
import { ErrorBoundary } from 'react-error-boundary';
import { describe, expect, it, vi } from 'vitest';
import { preloadablePage } from './preloadable-page';

function Watched() {
  return <p>the page</p>;
}

function inBoundary(Page: ComponentType) {
  return (
    <Suspense fallback={<p>Loading…</p>}>
      <Page />
    </Suspense>
  );
}

describe('preloadablePage', () => {
  it('shows a page fetched ahead at once, without the loading fallback', async () => {
    const load = vi.fn(() => Promise.resolve(Watched));
    const { Page, preload } = preloadablePage(load);
    await preload();
    render(inBoundary(Page));
    expect(screen.getByText('the page')).toBeInTheDocument();
    expect(screen.queryByText('Loading…')).not.toBeInTheDocument();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('fetches a page not fetched yet when it renders, once however often it is asked for', async () => {
    const load = vi.fn(() => Promise.resolve(Watched));
    const { Page, preload } = preloadablePage(load);
    render(inBoundary(Page));
    expect(screen.getByText('Loading…')).toBeInTheDocument();
    expect(await screen.findByText('the page')).toBeInTheDocument();
    await preload();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('tries a fetch that failed again', async () => {
    const load = vi.fn().mockRejectedValueOnce(new Error('chunk gone')).mockResolvedValue(Watched);
    const { Page, preload } = preloadablePage(load);
    await expect(preload()).rejects.toThrow('chunk gone');
    await preload();
    render(inBoundary(Page));
    expect(screen.getByText('the page')).toBeInTheDocument();
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('fetches again when the page failed to load while rendering, rather than keep the failure', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {}); // React reports the error it recovers from
    const load = vi.fn().mockRejectedValueOnce(new Error('chunk gone')).mockResolvedValue(Watched);
    const { Page } = preloadablePage(load);
    render(
      <ErrorBoundary fallbackRender={({ resetErrorBoundary }) => <button onClick={resetErrorBoundary}>Try again</button>}>
        {inBoundary(Page)}
      </ErrorBoundary>,
    );
    // React retries a failed render once by itself; otherwise the boundary offers "Try again".
    const shown = await screen.findByText(/the page|Try again/);
    if (shown.textContent === 'Try again') fireEvent.click(shown);
    expect(await screen.findByText('the page')).toBeInTheDocument();
    expect(load).toHaveBeenCalledTimes(2);
  });
});
