// Which rows a count over a window reads: the all-boards tallies' week or month rows for the
// periods the window holds whole, when the count's periods are made of them; day rows otherwise.
import type { ClickHouseClient } from '@clickhouse/client'
import { describe, expect, it } from 'vitest'
import { compileWhere, NO_FILTERS, type Filters } from './filters.ts'
import { choosePath, overFilters, skillsOver, withAnalyticsPath } from './query-path.ts'
import { PERIOD_SQL } from './trends.ts'

// Forced paths are chosen without a query, so no client is needed.
const noClient = {} as ClickHouseClient
const pathFor = (mode: 'tally' | 'rollup', filters: Filters) =>
  withAnalyticsPath(mode, () => choosePath(noClient, { filters, additive: true }))

async function rowsFor(filters: Filters, period?: string, mode: 'tally' | 'rollup' = 'tally') {
  const p = await pathFor(mode, filters)
  return skillsOver(p, compileWhere(filters), filters, overFilters(filters, period))
}
const window = (from: string | null, to: string | null): Filters => ({ ...NO_FILTERS, from, to })

describe('skillsOver', () => {
  it('reads an unbounded window, or one of whole periods, from the period rows alone', async () => {
    const months = await rowsFor(NO_FILTERS)
    expect(months.from).toContain('tally_skill_periods')
    expect(months.from).not.toContain('tally_skills')
    expect(months.params).toEqual({
      tp_grain: 'month',
      tp_from: '1970-01-01',
      tp_to: '2149-06-01',
      tp_end: '2149-06-06',
    })
    const weeks = await rowsFor(NO_FILTERS, PERIOD_SQL.week)
    expect(weeks.from).not.toContain('tally_skills')
    expect(weeks.params).toEqual({
      tp_grain: 'week',
      tp_from: '1970-01-01',
      tp_to: '2149-06-02',
      tp_end: '2149-06-06',
    })
    const year = await rowsFor(window('2025-12-01', '2026-11-30'), PERIOD_SQL.quarter)
    expect(year.from).not.toContain('tally_skills')
    expect(year.params).toMatchObject({ tp_grain: 'month', tp_from: '2025-12-01', tp_to: '2026-11-01' })
  })

  it('reads the days around the whole periods from the day rows', async () => {
    for (const [from, to, period] of [
      ['2025-11-30', '2026-11-30', PERIOD_SQL.month],
      ['2025-12-01', '2026-11-29', undefined],
      ['2025-11-30', null, PERIOD_SQL.year],
      ['2026-11-03', '2026-11-30', PERIOD_SQL.week],
    ] as const) {
      const r = await rowsFor(window(from, to), period)
      expect(r.from).toContain('tally_skill_periods')
      expect(r.from).toContain('tally_skills')
    }
  })

  it('reads day rows without a whole period, and on other paths', async () => {
    const plain = (f: Filters) => `FROM tally_skills WHERE source = '' AND ${compileWhere(f).sql}`
    const cut = window('2026-03-02', '2026-04-29')
    expect(await rowsFor(cut, PERIOD_SQL.month)).toEqual({ from: plain(cut), params: {} })
    const midWeek = window('2026-11-04', '2026-11-14')
    expect(await rowsFor(midWeek, PERIOD_SQL.week)).toEqual({ from: plain(midWeek), params: {} })
    expect((await rowsFor(NO_FILTERS, undefined, 'rollup')).from).toContain('rollup_skills')
    const board = { ...NO_FILTERS, source: ['hn'] }
    expect((await rowsFor(board)).from).not.toContain('tally_skill_periods')
  })
})
