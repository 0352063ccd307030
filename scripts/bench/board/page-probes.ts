// What the board benchmark measures inside the page, by the page's own clock (performance.now()), so that
// Node's scheduling and Playwright's round trips never count. Strings, not functions: tsx would wrap a
// function in helpers the page does not have.
import type { Page } from '@playwright/test';

/**
 * For addInitScript: records every long task (50 ms or more on the main thread) and every long animation
 * frame (a frame held back 50 ms or more, rendering included: the layout of 500 rows is not a task of its
 * own), and when "Watch these" was clicked, which opens the measured window.
 */
export const stallRecorderScript = `(() => {
  window.boardBench = { pastedAt: undefined, longTasks: [], longFrames: [] };
  const record = (type, into) => {
    try {
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) into.push({ start: entry.startTime, duration: entry.duration });
      }).observe({ type, buffered: true });
    } catch {} // a Chromium without long animation frames: long tasks alone
  };
  record('longtask', window.boardBench.longTasks);
  record('long-animation-frame', window.boardBench.longFrames);
  document.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest('button') : null;
    if (button?.textContent?.trim() === 'Watch these') window.boardBench.pastedAt ??= event.timeStamp;
  }, true);
})();`;

/**
 * Arms the next click: from the click event's timeStamp (when the browser took the input, however long
 * it then waited for the main thread) to the row leaving the DOM (MutationObserver), then to the end of
 * the next frame (a message posted from requestAnimationFrame runs once that frame is painted). A click
 * that lands on anything but a Remove button, or a row that stays, is a miss after 5 s.
 */
const armClickProbe = `
  void (window.boardClick = new Promise((resolve) => {
    const giveUp = setTimeout(() => resolve({ missed: 'no row left the table within 5 s of arming' }), 5000);
    document.addEventListener('click', (event) => {
      const handledAt = performance.now();
      const button = event.target instanceof Element ? event.target.closest('button[aria-label^="Remove "]') : null;
      const row = button?.closest('[data-testid="watch-row"]');
      if (!row?.parentElement) {
        clearTimeout(giveUp);
        // Where the top row's button had gone: the layout moved under the pointer (a read can widen a column).
        const moved = document.querySelector('[data-testid="watch-row"] button[aria-label^="Remove "]')?.getBoundingClientRect();
        const where = moved ? ' (the button now at ' + Math.round(moved.x) + ',' + Math.round(moved.y) + ')' : '';
        resolve({ missed: 'a click at ' + event.clientX + ',' + event.clientY + ' landed on ' + (event.target instanceof Element ? event.target.tagName : 'nothing') + where });
        return;
      }
      const observer = new MutationObserver(() => {
        if (row.isConnected) return;
        observer.disconnect();
        const removedAt = performance.now();
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            clearTimeout(giveUp);
            resolve({ clickedAt: event.timeStamp, handledAt, removedAt, paintedAt: performance.now() });
          };
          channel.port2.postMessage(undefined);
        });
      });
      observer.observe(row.parentElement, { childList: true });
    }, { capture: true, once: true });
  }));
`;

/** Page times, ms since the page's time origin. */
export type ClickTiming = { clickedAt: number; handledAt: number; removedAt: number; paintedAt: number } | { missed: string };

export interface RecordedStall {
  start: number;
  duration: number;
}

export interface RecordedStalls {
  pastedAt: number | undefined;
  longTasks: RecordedStall[];
  longFrames: RecordedStall[];
}

export const armNextClick = (page: Page) => page.evaluate(armClickProbe);

/** The armed click's timing, once the row has gone and the frame after it is painted (or the probe gave up). */
export const clickTiming = (page: Page) => page.evaluate('window.boardClick') as Promise<ClickTiming>;

export const recordedStalls = (page: Page) => page.evaluate('window.boardBench') as Promise<RecordedStalls>;
