import { useEffect } from 'react';

/** The tab's title when no page has more to say. */
export const appTitle = 'Machine action watch';

/**
 * Keeps the tab's title on `title` while the component is mounted, and gives the plain title back when it
 * goes: tabs opened from tickets tell themselves apart by it. A change of title is one write, never a
 * flash of the plain title between two.
 */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title;
  }, [title]);
  useEffect(
    () => () => {
      document.title = appTitle;
    },
    [],
  );
}
