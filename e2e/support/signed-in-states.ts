import type { Browser, BrowserContext } from '@playwright/test';
import { signInThroughApp, type DemoLogin } from '../../sim/testing/sign-in-through-app.ts';

/** What `context.storageState()` gives and `browser.newContext({ storageState })` takes. */
export type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

/** The app's own keys (the board's IDs, the history cache, the theme…): a test starts without them. */
const appStoragePrefix = 'machine-action-watch:';

/**
 * One real sign-in per account and worker, through the app's MSAL redirect flow and the simulator's page,
 * kept as the browser state it left: the storage with MSAL's encrypted cache, and the cookies (the session
 * cookie that holds the cache's key, the identity provider's session). Each test's context starts from it,
 * as a browser already signed in would. Nothing is written into storage by hand.
 */
export interface SignedInStates {
  of(login: DemoLogin): Promise<StorageState>;
}

function withoutAppStorage(state: StorageState): StorageState {
  return {
    cookies: state.cookies,
    origins: state.origins.map((origin) => ({ ...origin, localStorage: origin.localStorage.filter((item) => !item.name.startsWith(appStoragePrefix)) })),
  };
}

async function signInOnce(browser: Browser, appUrl: string, login: DemoLogin): Promise<StorageState> {
  const context = await browser.newContext({ baseURL: appUrl, storageState: { cookies: [], origins: [] } });
  try {
    await signInThroughApp(await context.newPage(), '/', login);
    return withoutAppStorage(await context.storageState());
  } finally {
    await context.close();
  }
}

export function signedInStates(browser: Browser, appUrl: string): SignedInStates {
  const states = new Map<DemoLogin, Promise<StorageState>>();
  return {
    of(login) {
      let state = states.get(login);
      if (state === undefined) {
        state = signInOnce(browser, appUrl, login);
        // A failed sign-in is not kept: the next test tries again, and its own failure says why.
        state.catch(() => states.delete(login));
        states.set(login, state);
      }
      return state;
    },
  };
}
