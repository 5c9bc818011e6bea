/** Polls until `check` returns a value (not undefined/false), within a deadline: tests wait for outcomes, not time. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  what = 'condition',
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`${what} not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
