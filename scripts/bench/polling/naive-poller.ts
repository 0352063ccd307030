import type { Page } from '@playwright/test';

// The poller the benchmark compares against: what a tool without a shared scheduler does. Every tab polls
// every action on its own timer, every 5 s, until it sees a final status; it ignores 429s and
// Retry-After. Written as a string because tsx would wrap a function in helpers the page does not have.

const script = `(({ apiBaseUrl, authorization, ids, intervalMs }) => {
  const finalStatuses = new Set(['Succeeded', 'Failed', 'TimeOut', 'Cancelled']);
  const seen = (window.naiveFinalSeenAt = {});
  for (const id of ids) {
    const timer = setInterval(async () => {
      try {
        const response = await fetch(apiBaseUrl + '/api/machineactions/' + id, { headers: { Authorization: authorization } });
        if (!response.ok) return;
        const action = await response.json();
        if (finalStatuses.has(action.status)) {
          seen[id] ??= Date.now();
          clearInterval(timer);
        }
      } catch {
        // a naive poller just tries again next time
      }
    }, intervalMs);
  }
})`;

export interface NaiveOptions {
  apiBaseUrl: string;
  /** The `Authorization` header the app itself sent, so the naive poller is signed in the same way. */
  authorization: string;
  ids: string[];
  intervalMs: number;
}

export async function startNaivePoller(page: Page, options: NaiveOptions): Promise<void> {
  await page.evaluate(`${script}(${JSON.stringify(options)})`);
}

/** When this tab's naive poller first saw each action final (page clock, ms since the epoch). */
export async function naiveFinalSeenAt(page: Page): Promise<Record<string, number>> {
  return (await page.evaluate('window.naiveFinalSeenAt')) as Record<string, number>;
}
