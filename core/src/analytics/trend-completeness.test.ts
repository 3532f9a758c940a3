// A trend period is complete when every source-month it overlaps is complete and not suspect;
// unknown (null) where no source states anything for it. Hand-made coverage rows, hand-checked.
import { describe, expect, it } from 'vitest'
import type { CoverageRow } from './coverage-rules.ts'
import { periodCompleteness } from './trend-series.ts'

const row = (source: string, period: string, complete: boolean, suspect = false): CoverageRow => ({
  source,
  period,
  ads: 100,
  expected: 100,
  stored: complete ? 100 : 20,
  units: 1,
  unitsFailed: 0,
  pagesFailed: complete ? 0 : 1,
  complete,
  suspect,
  neighbourMedian: null,
})

describe('periodCompleteness', () => {
  const coverage = [
    row('hn', '2018-04-01', true),
    row('hn', '2018-05-01', true),
    row('hn', '2018-06-01', false), // page 2 missing
    row('hn', '2016-10-01', true, true), // captured early: complete by its own count, but suspect
    row('board-a', '2018-05-01', true),
  ]

  it('marks months by their rows, a suspect month incomplete, and unknown months null', () => {
    const month = periodCompleteness(coverage, 'month')
    expect(month('2018-04-01')).toBe(true)
    expect(month('2018-05-01')).toBe(true)
    expect(month('2018-06-01')).toBe(false)
    expect(month('2016-10-01')).toBe(false)
    expect(month('2017-01-01')).toBeNull()
  })

  it('marks a quarter, a year and a week by every month they overlap', () => {
    expect(periodCompleteness(coverage, 'quarter')('2018-04-01')).toBe(false) // holds June
    expect(periodCompleteness(coverage, 'year')('2018-01-01')).toBe(false)
    const week = periodCompleteness(coverage, 'week')
    expect(week('2018-04-23')).toBe(true) // Apr 23-29
    expect(week('2018-05-28')).toBe(false) // May 28 - Jun 3 reaches June
  })
})
