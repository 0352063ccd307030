/** A fetch that counts the Defender reads made with an app token (the polling), not with an analyst's. */
export interface CountingFetch {
  fetch: typeof fetch;
  pollingCalls(): number;
  /** Every Defender read, with any token: the polling's and the access checks'. */
  count(): number;
}

function isAppToken(authorization: string | null): boolean {
  const payload = authorization?.split(' ')[1]?.split('.')[1];
  if (payload === undefined) return false;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { roles?: unknown; scp?: unknown };
    return Array.isArray(claims.roles) && claims.scp === undefined;
  } catch {
    return false;
  }
}

export function countingFetch(): CountingFetch {
  let calls = 0;
  let all = 0;
  return {
    fetch: async (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url.includes('/api/machineactions')) all += 1;
      if (url.includes('/api/machineactions') && isAppToken(new Headers(init?.headers).get('authorization'))) calls += 1;
      return fetch(input, init);
    },
    pollingCalls: () => calls,
    count: () => all,
  };
}
