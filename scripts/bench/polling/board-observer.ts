import type { Page } from '@playwright/test';

// Records, in every page of a context, when the board first shows each action with a final status (the
// badge's tone: succeeded or needs attention), by the page's clock. A string for addInitScript: tsx
// would wrap a function in helpers the page does not have.
export const boardObserverScript = `
  window.boardFinalShownAt = {};
  new MutationObserver(() => {
    for (const row of document.querySelectorAll('[data-testid="watch-row"]')) {
      const id = row.getAttribute('data-action-id');
      const tone = row.querySelector('[data-testid="action-status"]')?.getAttribute('data-tone');
      if ((tone === 'succeeded' || tone === 'attention') && !(id in window.boardFinalShownAt)) window.boardFinalShownAt[id] = Date.now();
    }
  }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-tone'] });
`;

export async function boardFinalShownAt(page: Page): Promise<Record<string, number>> {
  return (await page.evaluate('window.boardFinalShownAt ?? {}')) as Record<string, number>;
}
