import { describe, expect, it } from 'vitest'
import type { RankedSkill } from '@stackradar/core/contracts/api'
import type { BreakdownResponse, CoverageResponse } from './api'
import { adsPerSourceSpec, movers, topByGroup, workModeShare } from './overview'

const skill = (
  id: string,
  category: string,
  share: number,
  changePoints: number,
  p: number | null = 0.01,
): RankedSkill => ({
  skill: id,
  name: id.toUpperCase(),
  category,
  categoryLabel: category,
  ads: Math.round(share * 1000),
  share,
  rank: 1,
  previousAds: 0,
  previousShare: 0,
  previousRank: null,
  rankChange: null,
  changePoints,
  relativeChange: null,
  z: null,
  p,
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

describe('overview shaping', () => {
  const ranked = [
    skill('go', 'language', 0.2, 3),
    skill('python', 'language', 0.3, -1),
    skill('lambda', 'serverless', 0.05, 2, 0.2),
    skill('microservices', 'architecture', 0.1, -4),
  ]

  it('groups the headline categories, serverless and architecture together, by share', () => {
    const groups = topByGroup(ranked)
    expect(groups[0]).toMatchObject({ label: 'Languages' })
    expect(groups[0]?.rows.map((r) => r.skill)).toEqual(['python', 'go'])
    expect(groups[4]?.rows.map((r) => r.skill)).toEqual(['microservices', 'lambda'])
  })

  it('lists significant risers and fallers by change in points', () => {
    const m = movers({ ranked } as never)
    expect(m.risers.map((r) => r.skill)).toEqual(['go']) // lambda's p = 0.2 is left out
    expect(m.fallers.map((r) => r.skill)).toEqual(['microservices', 'python'])
  })

  it('lists no mover when no change is known (the window before held no ads)', () => {
    const unknown = ranked.map((r) => ({ ...r, previousShare: null, changePoints: null, p: null }))
    const m = movers({ ranked: unknown } as never)
    expect(m).toEqual({ risers: [], fallers: [] })
  })

  it('stacks ads per source and month, flagging months not captured in full', () => {
    const row = (source: string, period: string, ads: number, complete: boolean) => ({
      source,
      period,
      ads,
      expected: null,
      stored: ads,
      units: 1,
      unitsFailed: 0,
      pagesFailed: complete ? 0 : 1,
      complete,
      suspect: false,
      neighbourMedian: null,
    })
    const coverage: CoverageResponse = {
      filters,
      rows: [
        row('hn', '2018-05-01', 800, true),
        row('hn', '2018-06-01', 144, false),
        row('lever', '2018-06-01', 10, true),
      ],
    }
    const spec = adsPerSourceSpec(coverage)
    expect(spec.labels).toEqual(['May 2018', 'Jun 2018'])
    expect(spec.incomplete).toEqual([false, true])
    expect(spec.series.map((s) => [s.label, s.values])).toEqual([
      ['Hacker News', [800, 144]],
      ['lever', [null, 10]],
    ])
  })

  it('gives the remote share among ads that state a work mode', () => {
    const b = {
      rows: [
        { period: 'all', value: 'remote', ads: 30, total: 100, share: 0.3 },
        { period: 'all', value: 'onsite', ads: 30, total: 100, share: 0.3 },
        { period: 'all', value: 'unknown', ads: 40, total: 100, share: 0.4 },
      ],
    } as BreakdownResponse
    expect(workModeShare(b)).toEqual({ share: 0.5, ads: 30, stated: 60 })
  })
})
