import { describe, expect, it } from 'vitest'
import { incompleteMonths, isIncomplete, monthsOf } from './coverage'

const row = (source: string, period: string, complete: boolean) => ({
  source,
  period,
  ads: 1,
  expected: null,
  stored: 1,
  units: 1,
  unitsFailed: 0,
  pagesFailed: 0,
  complete,
  suspect: false,
  neighbourMedian: null,
})
const coverage = (rows: ReturnType<typeof row>[]) => ({ filters: {} as never, rows })

describe('coverage → incomplete periods', () => {
  it('lists the months a period touches', () => {
    expect(monthsOf('2026-04-01', 'quarter')).toEqual(['2026-04-01', '2026-05-01', '2026-06-01'])
    expect(monthsOf('2026-12-01', 'year').at(-1)).toBe('2027-11-01')
    expect(monthsOf('2026-01-01', 'year')).toHaveLength(12)
    expect(monthsOf('2026-09-28', 'week')).toEqual(['2026-09-01', '2026-10-01'])
    expect(monthsOf('all', 'month')).toEqual([])
  })
  it('marks a period incomplete when any month it touches is, per source when asked', () => {
    const months = incompleteMonths(coverage([row('hn', '2026-10-01', false), row('hn', '2026-09-01', true)]))
    expect([...months]).toEqual(['2026-10-01'])
    expect(isIncomplete(months, 'month')('2026-10-01')).toBe(true)
    expect(isIncomplete(months, 'month')('2026-09-01')).toBe(false)
    expect(isIncomplete(months, 'quarter')('2026-10-01')).toBe(true)
    expect(isIncomplete(months, 'year')('2026-01-01')).toBe(true)
    expect(incompleteMonths(coverage([row('hn', '2026-10-01', false)]), ['board-a']).size).toBe(0)
    expect(isIncomplete(new Set(), 'all')('all')).toBe(false)
  })
})
