// Polling helpers for integration tests: wait for a condition with a clear message on timeout.

/** A start-up deadline: `onExpiry` after `limitMs`, or never when `limitMs` is 0 (no clock). */
export function startDeadline(limitMs: number, onExpiry: () => void): NodeJS.Timeout | undefined {
  return limitMs > 0 ? setTimeout(onExpiry, limitMs) : undefined
}

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

/**
 * Waits for `done` while the work advances: fails only when `progress` (a count that rises as the
 * work goes on, e.g. ads extracted) has not risen for `stallPolls` polls in a row, however long the
 * whole wait takes. A slow machine advances slowly and still passes; stuck work fails. A poll
 * that throws (a dependency still reconnecting) counts as one without progress.
 */
export async function waitForProgress<T>(
  what: string,
  probe: () => Promise<T>,
  done: (v: T) => boolean,
  progress: (v: T) => number,
  { stallPolls = 240, everyMs = 250 } = {},
): Promise<T> {
  let best = -Infinity
  let stalled = 0
  let last: T | undefined
  let lastErr: unknown
  for (;;) {
    try {
      last = await probe()
      if (done(last)) return last
      const p = progress(last)
      if (p > best) {
        best = p
        stalled = 0
      } else stalled++
    } catch (err) {
      lastErr = err
      stalled++
    }
    if (stalled >= stallPolls)
      throw new Error(
        `no progress in ${stallPolls} polls waiting for ${what}; last value: ${JSON.stringify(last)}${lastErr ? `; last error: ${String(lastErr)}` : ''}`,
      )
    await new Promise((r) => setTimeout(r, everyMs))
  }
}

/**
 * Waits for `done` for at most `polls` polls: a count, not a clock, so a busy machine (slow
 * probes, late timers) waits longer instead of failing. For events with no count to watch
 * (a health check turning, a log line appearing).
 */
export function waitForPolls<T>(
  what: string,
  probe: () => Promise<T>,
  done: (v: T) => boolean,
  { polls = 480, everyMs = 250 } = {},
): Promise<T> {
  return waitForProgress(what, probe, done, () => 0, { stallPolls: polls, everyMs })
}
