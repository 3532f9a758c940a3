import { describe, expect, it } from 'vitest'
import { coverageLines, sourceState, workSummary } from './sources'

const base = {
  kind: 'hn',
  lastSuccessAt: '2026-11-30T07:00:00Z',
  lastErrorAt: null as string | null,
  lastError: null as string | null,
  threadsDone: 4,
  threadsFailed: 0,
  unitsTotal: 4,
  unitsPending: 0,
  pagesFailed: 0,
  nextRetryAt: null as string | null,
}

describe('source health', () => {
  it('is ok when every unit was read', () => {
    expect(sourceState(base)).toEqual({ health: 'ok', reason: null })
  })
  it('one failed page makes a read source partly failed (not failing) and says what failed', () => {
    const s = sourceState({
      ...base,
      threadsDone: 3,
      threadsFailed: 1,
      pagesFailed: 1,
      lastErrorAt: '2026-11-30T07:01:00Z',
      lastError: 'gave up after 5 tries: HTTP 500',
    })
    expect(s.health).toBe('partial')
    expect(s.reason).toMatch(/1 of 4 threads failed, 1 page failed: gave up after 5 tries: HTTP 500\./)
    expect(s.reason).toMatch(/other 3 threads were read in full/)
  })
  it('is failing only when nothing was read since the errors began', () => {
    expect(
      sourceState({ ...base, lastSuccessAt: null, lastErrorAt: '2026-11-30T07:01:00Z', lastError: 'DNS' })
        .health,
    ).toBe('failing')
    expect(
      sourceState({ ...base, threadsDone: 0, threadsFailed: 4, lastErrorAt: '2026-11-30T07:01:00Z' }).health,
    ).toBe('failing')
    expect(sourceState({ ...base, lastSuccessAt: null }).health).toBe('never')
    expect(sourceState({ ...base, threadsDone: 2, unitsPending: 2 }).health).toBe('reading')
  })
})

describe('coverage lines', () => {
  const row = {
    source: 'hn',
    ads: 40,
    expected: 40,
    stored: 40,
    units: 1,
    unitsFailed: 0,
    pagesFailed: 0,
    suspect: false,
    neighbourMedian: 40,
  }
  it('gives the reason a month is not complete, newest first', () => {
    const lines = coverageLines(
      [
        { ...row, period: '2026-09-01', complete: true },
        { ...row, period: '2026-10-01', complete: false, unitsFailed: 1, pagesFailed: 1, stored: 35 },
        { ...row, period: '2026-11-01', complete: false },
        { ...row, source: 'other', period: '2026-11-01', complete: true },
      ],
      'hn',
      'thread',
      Date.parse('2026-11-30T00:00:00Z'),
    )
    expect(lines.map((l) => [l.month, l.status, l.why])).toEqual([
      ['2026-11', 'incomplete', 'month still running'],
      ['2026-10', 'incomplete', '1 thread failed; 1 page failed; 35 of 40 stated ads stored'],
      ['2026-09', 'complete', ''],
    ])
  })
})

describe('work summary', () => {
  it('reports backfill progress with a percentage', () => {
    const w = workSummary({
      mode: 'embedded',
      ads: { raw: 100, extracted: 80 },
      backfill: {
        running: true,
        threads: { total: 4, done: 1, failed: 1 },
        failedUnits: [],
        startedAt: null,
        updatedAt: null,
        etaSeconds: 300,
      },
      queues: { scrape: { waiting: 2, active: 1 }, extract: { waiting: 0, active: 1 } },
      extractorVersion: 2,
    })
    expect(w).toMatchObject({ running: true, percent: 50 })
    expect(w.text).toMatch(/2 of 4 units .* about 5 min left/)
  })
})
