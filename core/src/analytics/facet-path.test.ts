// When the facet tallies answer: one value of one split facet and nothing else but dates, for the
// callers that read only ads, skills and counts; their SQL filters the tallies' value column.
import type { ClickHouseClient } from '@clickhouse/client'
import { describe, expect, it } from 'vitest'
import { singleFacetFilter } from './facet-path.ts'
import { compileWhere, NO_FILTERS, type Filters } from './filters.ts'
import { choosePath, withAnalyticsPath } from './query-path.ts'

const f = (mix: Partial<Filters>): Filters => ({ ...NO_FILTERS, ...mix })
// Forced paths are chosen without a query, so no client is needed.
const noClient = {} as ClickHouseClient

describe('singleFacetFilter', () => {
  it('takes one value of one split facet, with dates or not', () => {
    expect(singleFacetFilter(f({ country: ['US'] }))).toBe('country')
    expect(singleFacetFilter(f({ seniority: ['senior'], from: '2025-01-01', to: '2025-12-31' }))).toBe(
      'seniority',
    )
    expect(singleFacetFilter(f({ industry: ['fintech'] }))).toBe('industry')
    expect(singleFacetFilter(f({ work_mode: ['remote'] }))).toBe('work_mode')
  })

  it('leaves several values, several facets, other filters and the unknown value to the rollups', () => {
    for (const mix of [
      {},
      { country: ['US', 'CA'] },
      { country: ['US'], work_mode: ['remote'] },
      { country: ['US'], source: ['hn'] },
      { seniority: ['senior'], role_family: ['backend'] },
      { region: ['europe'] },
      { employment_type: ['permanent'] },
      { country: ['unknown'] },
    ] satisfies Partial<Filters>[])
      expect(singleFacetFilter(f(mix)), JSON.stringify(mix)).toBeNull()
  })
})

describe('the facet tallies path', () => {
  const pathOf = (filters: Filters, facetTallies: boolean) =>
    withAnalyticsPath('tally', () => choosePath(noClient, { filters, additive: true, facetTallies }))

  it('is chosen only for callers that read ads, skills and counts', async () => {
    const filters = f({ country: ['US'], from: '2025-01-01' })
    const p = await pathOf(filters, true)
    const w = compileWhere(filters)
    expect(p.path).toBe('tally')
    expect(p.skills(w)).toBe(
      "FROM tally_skill_facets WHERE facet = 'country' AND 1 = 1 AND posted_day >= {f_from:Date} AND value IN {f_country:Array(String)}",
    )
    expect(p.ads(w)).toContain("FROM tally_facets WHERE facet = 'country'")
    expect(() => p.facets('work_mode', w)).toThrow(/one facet at a time/)
    expect((await pathOf(filters, false)).path).toBe('rollup')
    expect((await pathOf(f({ country: ['US', 'CA'] }), true)).path).toBe('rollup')
  })
})
