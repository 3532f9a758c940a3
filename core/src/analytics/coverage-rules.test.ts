import { describe, expect, it } from 'vitest'
import { coverageRows, type CoverageUnit } from './coverage-rules.ts'

const month = (y: number, m: number) => `${y}-${String(m).padStart(2, '0')}-01`
const thread = (period: string, p: Partial<CoverageUnit> = {}): CoverageUnit => ({
  source: 'hn',
  unitCreatedAt: `${period.slice(0, 7)}-01 15:00:00`,
  status: 'done',
  pagesFailed: 0,
  expected: 800,
  stored: 800,
  ...p,
})

describe('coverage flags', () => {
  // 2016-05 .. 2016-12 at ~800 ads, except 2016-10: its thread stated 149 comments (recorded early)
  // and 145 of them were stored (140 ads by posting day). 2017-01 lost a page: 188 of 793 stored.
  const periods = [5, 6, 7, 8, 9, 10, 11, 12].map((m) => month(2016, m)).concat([month(2017, 1)])
  const ads = [810, 790, 805, 800, 795, 140, 820, 780, 188]
  const volumes = periods.map((period, i) => ({ source: 'hn', period, ads: ads[i]! }))
  const units = periods.map((p, i) =>
    i === 5
      ? thread(p, { expected: 149, stored: 145 })
      : i === 8
        ? thread(p, { status: 'failed', pagesFailed: 1, expected: 793, stored: 188 })
        : thread(p, { expected: ads[i]!, stored: ads[i]! }),
  )
  const rows = coverageRows(units, volumes, new Date('2017-01-20T00:00:00Z'))
  const at = (p: string) => rows.find((r) => r.period === p)!

  it('flags the early-recorded month as suspect though its own count looks complete', () => {
    const oct = at('2016-10-01')
    // Six months around: Jul, Aug, Sep, Nov, Dec, Jan → 805, 800, 795, 820, 780, 188; median 797.5.
    expect(oct.neighbourMedian).toBe(797.5)
    expect(oct.suspect).toBe(true)
    expect(oct.complete).toBe(true)
    expect(oct.stored / oct.expected!).toBeGreaterThanOrEqual(0.95)
  })

  it('marks a month with a failed page incomplete, and the running month never complete', () => {
    const jan = at('2017-01-01')
    expect([jan.complete, jan.pagesFailed, jan.unitsFailed, jan.expected, jan.stored]).toEqual([
      false,
      1,
      1,
      793,
      188,
    ])
    expect(jan.suspect).toBe(true)
    const late = coverageRows(
      [thread('2017-01-01')],
      [{ source: 'hn', period: '2017-01-01', ads: 800 }],
      new Date('2017-01-31T23:00:00Z'),
    )
    expect(late[0]!.complete).toBe(false)
  })

  it('keeps ordinary months complete and not suspect; edges use the neighbours they have', () => {
    for (const p of ['2016-06-01', '2016-08-01', '2016-12-01'])
      expect(at(p)).toMatchObject({ complete: true, suspect: false })
    // May 2016 has only later neighbours: Jun, Jul, Aug → median 800.
    expect(at('2016-05-01').neighbourMedian).toBe(800)
    // Under 95% of what the source states: not complete.
    const short = coverageRows(
      [thread('2016-05-01', { expected: 100, stored: 94 })],
      [],
      new Date('2020-01-01'),
    )
    expect(short[0]!.complete).toBe(false)
  })
})
