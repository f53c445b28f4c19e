// Waiting, in the live-schedule bench, until change detection is live on a new gateway: its
// first poll is a baseline that records nothing, so an edit made before it ends is no event.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Makes the edit `edit(attempt)` (a fresh one each attempt) until `arrived()` holds, trying
 * again every `retryMs`; resolves to whether it held before `timeoutMs`.
 */
export async function untilDetected(edit: (attempt: number) => Promise<void>, arrived: () => boolean, retryMs: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; Date.now() < deadline; attempt += 1) {
    await edit(attempt);
    const retryAt = Math.min(deadline, Date.now() + retryMs);
    while (Date.now() < retryAt) {
      if (arrived()) return true;
      await sleep(50);
    }
  }
  return arrived();
}
