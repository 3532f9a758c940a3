// Polling helpers for integration tests: wait for a condition with a clear message on timeout.
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T>,
  done: (v: T) => boolean,
  timeoutMs = 120_000,
  everyMs = 250,
): Promise<T> {
  const t0 = Date.now()
  let last: T | undefined
  let lastErr: unknown
  while (Date.now() - t0 < timeoutMs) {
    try {
      last = await probe()
      if (done(last)) return last
    } catch (err) {
      lastErr = err
    }
    await new Promise((r) => setTimeout(r, everyMs))
  }
  throw new Error(
    `timed out after ${timeoutMs} ms waiting for ${what}; last value: ${JSON.stringify(last)}${lastErr ? `; last error: ${String(lastErr)}` : ''}`,
  )
}
