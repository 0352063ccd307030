import { useSyncExternalStore } from 'react';

interface Ticker {
  now: number;
  listeners: Set<() => void>;
  timer: ReturnType<typeof setInterval> | undefined;
}

// One interval per pace for the whole page, however many labels follow it: a board of 500 rows must not
// start 1,500 timers, nor re-render every row when only the labels' text moves on.
const tickers = new Map<number, Ticker>();

function tickerFor(intervalMs: number): Ticker {
  let ticker = tickers.get(intervalMs);
  if (!ticker) {
    ticker = { now: Date.now(), listeners: new Set(), timer: undefined };
    tickers.set(intervalMs, ticker);
  }
  return ticker;
}

function subscribe(intervalMs: number, listener: () => void): () => void {
  const ticker = tickerFor(intervalMs);
  ticker.listeners.add(listener);
  if (ticker.timer === undefined) {
    ticker.now = Date.now();
    ticker.timer = setInterval(() => {
      ticker.now = Date.now();
      for (const each of ticker.listeners) each();
    }, intervalMs);
  }
  return () => {
    ticker.listeners.delete(listener);
    if (ticker.listeners.size === 0 && ticker.timer !== undefined) {
      clearInterval(ticker.timer);
      ticker.timer = undefined;
    }
  };
}

/**
 * The current time, moving on every `intervalMs`, shared by every component that asks for the same pace:
 * only the components that show a time re-render when it moves.
 */
export function useTick(intervalMs: number): number {
  return useSyncExternalStore(subscriberFor(intervalMs), snapshotFor(intervalMs));
}

// React resubscribes whenever it is handed a new subscribe function, and a restarted ticker reads the
// clock afresh: new functions on every render would loop. One pair per pace, kept for the page's life.
const subscribers = new Map<number, (listener: () => void) => () => void>();
const snapshots = new Map<number, () => number>();

function subscriberFor(intervalMs: number) {
  let subscriber = subscribers.get(intervalMs);
  if (!subscriber) {
    subscriber = (listener) => subscribe(intervalMs, listener);
    subscribers.set(intervalMs, subscriber);
  }
  return subscriber;
}

function snapshotFor(intervalMs: number) {
  let snapshot = snapshots.get(intervalMs);
  if (!snapshot) {
    snapshot = () => tickerFor(intervalMs).now;
    snapshots.set(intervalMs, snapshot);
  }
  return snapshot;
}
