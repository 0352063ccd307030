import { render, screen } from '@testing-library/react';
import { Suspense, type ComponentType } from 'react';
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
});
