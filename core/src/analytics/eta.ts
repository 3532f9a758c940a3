// Estimated time left of a backfill: the threads still to read at the pace of the ones read so far
// (which already includes the reader's politeness delay and the machine's speed).

export interface ThreadProgress {
  total: number
  done: number
  failed: number
}

/**
 * Seconds until every thread is read, or null when nothing is known yet (no thread finished, no
 * start time) and 0 when none is left. `startedAt`: when the backfill's threads were first recorded.
 */
export function estimateSecondsLeft(
  threads: ThreadProgress,
  startedAt: string | null,
  now: number = Date.now(),
): number | null {
  const finished = threads.done + threads.failed
  const left = Math.max(0, threads.total - finished)
  if (left === 0) return 0
  const started = startedAt ? Date.parse(startedAt) : NaN
  if (finished === 0 || !Number.isFinite(started) || now <= started) return null
  return Math.round((left * (now - started)) / finished / 1000)
}

/** "about 3 min", "about 1 h 20 min", "under a minute" for log lines. */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return 'under a minute'
  const minutes = Math.round(seconds / 60)
  if (minutes < 60) return `about ${minutes} min`
  return `about ${Math.floor(minutes / 60)} h ${minutes % 60} min`
}
