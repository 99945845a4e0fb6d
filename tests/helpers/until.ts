/**
 * Polls `pred` every 20 ms (wall clock) until it holds.
 * @throws Error "timed out waiting for <what>" after `timeoutMs` (default 30 s).
 */
export async function until(pred: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await pred())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
