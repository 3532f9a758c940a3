// Which rows a count over a window reads: the all-boards tallies' month rows for the whole months
// of the window when the count's periods are made of whole months, the day rows otherwise.
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

describe('skillsOver', () => {
  it('reads an unbounded window, or one of whole months, from the month rows alone', async () => {
    const r = await rowsFor(NO_FILTERS)
    expect(r.from).toContain('tally_skill_months')
    expect(r.from).not.toContain('tally_skills')
    expect(r.params).toEqual({ tm_from: '1970-01-01', tm_to: '2149-06-01', tm_end: '2149-06-06' })
    const whole = await rowsFor({ ...NO_FILTERS, from: '2025-12-01', to: '2026-11-30' }, PERIOD_SQL.month)
    expect(whole.from).not.toContain('tally_skills')
    expect(whole.params).toEqual({ tm_from: '2025-12-01', tm_to: '2026-11-01', tm_end: '2026-11-30' })
  })

  it('reads the days around the whole months from the day rows', async () => {
    for (const [from, to] of [
      ['2025-11-30', '2026-11-30'],
      ['2025-12-01', '2026-11-29'],
      ['2025-11-30', null],
    ] as const) {
      const r = await rowsFor({ ...NO_FILTERS, from, to })
      expect(r.from).toContain('tally_skill_months')
      expect(r.from).toContain('tally_skills')
    }
  })

  it('ends the month rows on the last day of the last whole month (leap years included)', async () => {
    for (const [from, to, end] of [
      ['2023-12-01', '2024-02-29', '2024-02-29'],
      ['2025-12-01', '2026-02-28', '2026-02-28'],
      ['2025-12-01', '2026-03-30', '2026-02-28'],
    ] as const) {
      const r = await rowsFor({ ...NO_FILTERS, from, to }, PERIOD_SQL.quarter)
      expect(r.params).toMatchObject({ tm_from: from, tm_end: end })
    }
  })

  it('reads day rows for weeks, windows without a whole month, and other paths', async () => {
    const plain = (f: Filters) => `FROM tally_skills WHERE source = '' AND ${compileWhere(f).sql}`
    expect(await rowsFor(NO_FILTERS, PERIOD_SQL.week)).toEqual({ from: plain(NO_FILTERS), params: {} })
    const inMonth = { ...NO_FILTERS, from: '2026-03-02', to: '2026-04-30' }
    expect((await rowsFor(inMonth, PERIOD_SQL.month)).from).toContain('tally_skill_months')
    const cut = { ...NO_FILTERS, from: '2026-03-02', to: '2026-04-29' }
    expect(await rowsFor(cut, PERIOD_SQL.month)).toEqual({ from: plain(cut), params: {} })
    expect((await rowsFor(NO_FILTERS, undefined, 'rollup')).from).toContain('rollup_skills')
    const board = { ...NO_FILTERS, source: ['hn'] }
    expect((await rowsFor(board)).from).not.toContain('tally_skill_months')
  })
})
