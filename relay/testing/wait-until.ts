/** Polls `condition` until it holds, or fails naming what was waited for. */
export async function waitUntil(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 8_000, everyMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
