import { describe, expect, it } from 'vitest'
import type { TrendPoint, TrendsResponse } from './api'
import { buildTrendModel, latestComplete, tinyPeriods, trendSpec } from './trends'

const point = (
  period: string,
  skill: string,
  ads: number,
  total: number,
  complete: boolean | null,
): TrendPoint => ({
  period,
  kind: 'skill',
  skill,
  ads,
  total,
  share: total ? ads / total : 0,
  low: total ? ads / total - 0.01 : 0,
  high: total ? ads / total + 0.01 : 0,
  rollingShare: null,
  complete,
})

const filters = {
  from: null,
  to: null,
  source: [],
  category: [],
  country: [],
  region: [],
  work_mode: [],
  seniority: [],
  industry: [],
  role_family: [],
  employment_type: [],
}

const trends: TrendsResponse = {
  interval: 'month',
  from: null,
  to: null,
  skills: ['go', 'rust'],
  categories: [],
  rolling: 1,
  filters,
  points: [
    point('2018-04-01', 'go', 80, 800, true),
    point('2018-04-01', 'rust', 8, 800, true),
    point('2018-05-01', 'go', 90, 820, true),
    point('2018-05-01', 'rust', 12, 820, true),
    point('2018-06-01', 'go', 30, 144, false),
    point('2018-06-01', 'rust', 9, 144, false),
  ],
}

describe('trend shaping', () => {
  const model = buildTrendModel(trends, new Map([['go', 'Go']]))

  it('marks the incomplete period and never takes it as the latest', () => {
    expect(model.incomplete).toEqual([false, false, true])
    const latest = latestComplete(model)
    expect(latest?.label).toBe('May 2018')
    expect(latest?.rows.map((r) => [r.label, r.ads])).toEqual([
      ['Go', 90],
      ['rust', 12],
    ])
  })

  it('gives share with bounds in percent, or counts without bounds, and marks hidden series', () => {
    const share = trendSpec(model, { measure: 'share', bands: true, rolling: false, hidden: new Set() })
    expect(share.series[0]?.values[0]).toBe(10)
    expect(share.series[0]?.low?.[0]).toBe(9)
    expect(share.bands).toBe(true)
    expect(share.incomplete).toEqual([false, false, true])
    const count = trendSpec(model, {
      measure: 'count',
      bands: true,
      rolling: false,
      hidden: new Set(['rust']),
    })
    expect(count.series.map((s) => [s.label, s.hidden])).toEqual([
      ['Go', false],
      ['rust', true],
    ])
    expect(count.series[0]?.values).toEqual([80, 90, 30])
    expect(count.bands).toBe(false)
  })

  it('counts periods whose sample is too small for a stable share', () => {
    expect(tinyPeriods(model)).toBe(0)
    const small = buildTrendModel(
      { ...trends, points: [point('2018-01-01', 'go', 3, 9, true)], skills: ['go'] },
      new Map(),
    )
    expect(tinyPeriods(small)).toBe(1)
  })
})
