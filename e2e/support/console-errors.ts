import type { ConsoleMessage } from '@playwright/test';

interface BenignConsoleError {
  text: RegExp;
  /** Where the line comes from: the resource that failed, for Chromium's own network lines. */
  url: RegExp;
  why: string;
}

/** `console.error` lines that are not errors of the app, each with why it is allowed. Nothing else is. */
const benignConsoleErrors: readonly BenignConsoleError[] = [
  {
    text: /^Failed to load resource: (the server responded with a status of (401|403|404|429|500|503) |net::ERR_(FAILED|CONNECTION_RESET|INTERNET_DISCONNECTED)$)/,
    url: /\/api\/machineactions(\/[0-9a-f-]{36}|\?\$filter=[^#]*)$/, // a single read or a list call by id
    why: 'Chromium logs every failed fetch itself, even one the app handles: each is a state the fault matrix checks',
  },
  {
    text: /^Failed to load resource: the server responded with a status of (400|414) /,
    url: /\/api\/machineactions\?\$filter=[^#]*$/,
    why: 'a list call in a shape Defender refuses (no `in`, a URL too long): the poller changes shape (core/polling/list-shapes/list-shape.ts)',
  },
  {
    text: /^Failed to load resource: the server responded with a status of 400 /,
    url: /\/token(\?|$)/,
    why: 'the identity provider refusing a silent renewal (interaction required): MSAL turns it into "Sign in again"',
  },
  {
    text: /^Failed to load resource: net::ERR_INTERNET_DISCONNECTED$/,
    url: /\/favicon\.svg$/,
    why: "Chromium fetches the tab's icon again on an in-app navigation; offline, that fails (the offline tests cause it)",
  },
];

export function isBenignConsoleError(message: ConsoleMessage): boolean {
  const url = message.location().url;
  return benignConsoleErrors.some((benign) => benign.text.test(message.text()) && benign.url.test(url));
}
