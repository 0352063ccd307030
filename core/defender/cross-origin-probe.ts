import type { DefenderProblem } from './defender-problem';

/**
 * How long a probe's verdict on an API origin holds. While it does, a failed call is judged by it and
 * nothing is probed: a check costs one request, not two. A refusal lasts until the deployment changes
 * (a new `apiBaseUrl` means a new page, and a memory of its own), so it is kept long; a host that did not
 * answer at all may come back, so that verdict is asked again at about the network backoff's longest pause.
 */
export const crossOriginVerdictMs = {
  refused: 30 * 60_000,
  unreachable: 2 * 60_000,
} as const;

type Verdict = keyof typeof crossOriginVerdictMs;

/** What the probe sends: no header at all (a no-cors request cannot carry the token), no cookie, no referrer. */
export type ProbeInit = RequestInit & { mode: 'no-cors'; cache?: 'no-store' };

export interface CrossOriginProbeOptions {
  /** The origin of the page that makes the calls (`location.origin`); unset (a server), nothing is probed. */
  pageOrigin: string | undefined;
  /** Offline, a failed call is the network's, and probing would only fail too. */
  isOnline: () => boolean;
  fetch: (url: string, init: ProbeInit) => Promise<unknown>;
  now: () => number;
  /** A probe that has not answered by then counts as no answer. */
  timeoutMs: number;
}

export interface CrossOriginProbe {
  /**
   * What a call that fetch rejected means: browsers reject a refused cross-origin call with the same
   * TypeError as a dropped connection, and tell scripts nothing more.
   */
  diagnose(url: string, message: string): Promise<DefenderProblem>;
  /** A call to `url` was answered: its origin takes this page's calls now, whatever was concluded before. */
  answered(url: string): void;
}

interface Remembered {
  verdict: Promise<Verdict>;
  /** Set once the probe has answered; until then, calls failing together wait for the same probe. */
  settled?: { verdict: Verdict; at: number };
}

function originOf(url: string, base: string): string | undefined {
  try {
    return new URL(url, base).origin;
  } catch {
    return undefined;
  }
}

/**
 * Tells a cross-origin call the browser refused from a network fault. The same URL is asked once more in
 * `no-cors` mode: an answer, opaque as it is (the script can read nothing of it, not even its status), proves
 * the host answered, so the refusal was the browser's, for want of CORS. The verdict is kept per origin.
 */
export function crossOriginProbe(options: CrossOriginProbeOptions): CrossOriginProbe {
  const memory = new Map<string, Remembered>();

  function remembered(apiOrigin: string): Promise<Verdict> | undefined {
    const entry = memory.get(apiOrigin);
    if (!entry) return undefined;
    if (!entry.settled) return entry.verdict;
    return options.now() - entry.settled.at < crossOriginVerdictMs[entry.settled.verdict] ? entry.verdict : undefined;
  }

  async function probe(url: string): Promise<Verdict> {
    try {
      const init: ProbeInit = {
        mode: 'no-cors',
        credentials: 'omit',
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
        signal: AbortSignal.timeout(options.timeoutMs),
      };
      await options.fetch(url, init);
      return 'refused';
    } catch {
      return 'unreachable';
    }
  }

  function verdictOn(url: string, apiOrigin: string): Promise<Verdict> {
    const known = remembered(apiOrigin);
    if (known) return known;
    const entry: Remembered = {
      verdict: probe(url).then((verdict) => {
        entry.settled = { verdict, at: options.now() };
        return verdict;
      }),
    };
    memory.set(apiOrigin, entry);
    return entry.verdict;
  }

  return {
    async diagnose(url, message) {
      const network: DefenderProblem = { kind: 'network', message };
      const { pageOrigin } = options;
      if (pageOrigin === undefined || !options.isOnline()) return network;
      const apiOrigin = originOf(url, pageOrigin);
      if (apiOrigin === undefined || apiOrigin === pageOrigin) return network; // CORS has no say on the page's own origin
      return (await verdictOn(url, apiOrigin)) === 'refused' ? { kind: 'cross-origin', apiOrigin, pageOrigin } : network;
    },
    answered(url) {
      if (options.pageOrigin === undefined || memory.size === 0) return;
      const apiOrigin = originOf(url, options.pageOrigin);
      if (apiOrigin !== undefined) memory.delete(apiOrigin);
    },
  };
}
