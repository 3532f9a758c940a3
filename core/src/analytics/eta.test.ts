import { describe, expect, it } from 'vitest'
import { estimateSecondsLeft, formatDuration } from './eta.ts'

describe('backfill time left', () => {
  const start = '2026-01-01T00:00:00.000Z'
  const t0 = Date.parse(start)

  it('projects the pace of the finished threads onto the rest', () => {
    // 6 of 24 threads in 60 s → 18 more take 180 s
    expect(estimateSecondsLeft({ total: 24, done: 5, failed: 1 }, start, t0 + 60_000)).toBe(180)
    // twice as slow → twice as long
    expect(estimateSecondsLeft({ total: 24, done: 5, failed: 1 }, start, t0 + 120_000)).toBe(360)
  })
  it('is unknown before the first thread and zero when all are read', () => {
    expect(estimateSecondsLeft({ total: 24, done: 0, failed: 0 }, start, t0 + 5_000)).toBeNull()
    expect(estimateSecondsLeft({ total: 24, done: 3, failed: 0 }, null, t0)).toBeNull()
    expect(estimateSecondsLeft({ total: 24, done: 20, failed: 4 }, start, t0 + 5_000)).toBe(0)
  })
  it('reads as a person would say it', () => {
    expect(formatDuration(30)).toBe('under a minute')
    expect(formatDuration(180)).toBe('about 3 min')
    expect(formatDuration(4800)).toBe('about 1 h 20 min')
  })
})
