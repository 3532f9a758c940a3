// When the facet tallies answer: one value of one split facet (or of each facet of a tallied pair)
// and nothing else but dates, for the callers that read only ads, skills and counts; their SQL
// filters the tallies' value column.
import type { ClickHouseClient } from '@clickhouse/client'
import { describe, expect, it } from 'vitest'
import { facetBreakdownRows, tallyFacetFilter } from './facet-path.ts'
import { compileWhere, NO_FILTERS, type Filters } from './filters.ts'
import { choosePath, withAnalyticsPath } from './query-path.ts'

const f = (mix: Partial<Filters>): Filters => ({ ...NO_FILTERS, ...mix })
// Forced paths are chosen without a query, so no client is needed.
const noClient = {} as ClickHouseClient

describe('tallyFacetFilter', () => {
  it('takes one value of one split facet, with dates or not', () => {
    expect(tallyFacetFilter(f({ country: ['US'] }))).toBe('country')
    expect(tallyFacetFilter(f({ seniority: ['senior'], from: '2025-01-01', to: '2025-12-31' }))).toBe(
      'seniority',
    )
    expect(tallyFacetFilter(f({ industry: ['fintech'] }))).toBe('industry')
    expect(tallyFacetFilter(f({ work_mode: ['remote'] }))).toBe('work_mode')
    expect(tallyFacetFilter(f({ region: ['europe'], from: '2025-01-01' }))).toBe('region')
  })

  it('takes one value of each facet of a tallied pair', () => {
    expect(tallyFacetFilter(f({ country: ['US'], work_mode: ['remote'] }))).toBe('country+work_mode')
    expect(tallyFacetFilter(f({ work_mode: ['onsite'], country: ['DE'], from: '2025-01-01' }))).toBe(
      'country+work_mode',
    )
    expect(tallyFacetFilter(f({ seniority: ['senior'], work_mode: ['remote'] }))).toBe('seniority+work_mode')
    expect(tallyFacetFilter(f({ work_mode: ['hybrid'], seniority: ['junior'], to: '2025-12-31' }))).toBe(
      'seniority+work_mode',
    )
    expect(tallyFacetFilter(f({ region: ['europe'], work_mode: ['remote'] }))).toBe('region+work_mode')
  })

  it('leaves several values, several facets, other filters and the unknown value to the rollups', () => {
    for (const mix of [
      {},
      { country: ['US', 'CA'] },
      { country: ['US'], work_mode: ['remote', 'hybrid'] },
      { country: ['US'], seniority: ['senior'] },
      { country: ['US'], work_mode: ['remote'], seniority: ['senior'] },
      { country: ['unknown'], work_mode: ['remote'] },
      { country: ['US'], source: ['hn'] },
      { seniority: ['senior'], role_family: ['backend'] },
      { seniority: ['senior', 'lead'], work_mode: ['remote'] },
      { seniority: ['senior'], industry: ['fintech'] },
      { region: ['europe', 'asia'] },
      { region: ['europe'], country: ['DE'] },
      { region: ['atlantis'], work_mode: ['remote'] },
      { region: ['europe'], work_mode: ['remote'], seniority: ['senior'] },
      { region: ['atlantis'] },
      { employment_type: ['permanent'] },
      { country: ['unknown'] },
    ] satisfies Partial<Filters>[])
      expect(tallyFacetFilter(f(mix)), JSON.stringify(mix)).toBeNull()
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
      "FROM tally_skill_facets WHERE facet = 'country' AND 1 = 1 AND posted_day >= {f_from:Date} AND tally_skill_facets.value IN {f_country:Array(String)}",
    )
    expect(p.ads(w)).toContain("FROM tally_facets WHERE facet = 'country'")
    // A region's filter holds its countries; the tallies' rows are read by the region's name.
    const europe = f({ region: ['europe'] })
    const we = compileWhere(europe)
    expect((await pathOf(europe, true)).skills(we)).toBe(
      "FROM tally_skill_facets WHERE facet = 'region' AND 1 = 1 AND tally_skill_facets.value IN {f_region_name:Array(String)}",
    )
    expect(we.params.f_region_name).toEqual(['europe'])
    expect(we.params.f_region).toContain('DE')
    expect(() => p.facets('seniority', w)).toThrow(/no breakdown by seniority under a country filter/)
    expect((await pathOf(filters, false)).path).toBe('rollup')
    expect((await pathOf(f({ country: ['US', 'CA'] }), true)).path).toBe('rollup')
  })

  it('reads a pair as one value of the pair facet', async () => {
    const filters = f({ country: ['US'], work_mode: ['remote'] })
    const p = await pathOf(filters, true)
    expect(p.skills(compileWhere(filters))).toBe(
      "FROM tally_skill_facets WHERE facet = 'country+work_mode' AND 1 = 1 AND tally_skill_facets.value = concat({f_country:Array(String)}[1], '|', {f_work_mode:Array(String)}[1]) AND 1 = 1",
    )
    const senior = f({ seniority: ['senior'], work_mode: ['remote'] })
    expect((await pathOf(senior, true)).skills(compileWhere(senior))).toBe(
      "FROM tally_skill_facets WHERE facet = 'seniority+work_mode' AND 1 = 1 AND 1 = 1 AND tally_skill_facets.value = concat({f_seniority:Array(String)}[1], '|', {f_work_mode:Array(String)}[1])",
    )
    // A region's part of the value is its name (f_region_name), not its countries (f_region).
    const europe = f({ region: ['europe'], work_mode: ['remote'] })
    expect((await pathOf(europe, true)).skills(compileWhere(europe))).toBe(
      "FROM tally_skill_facets WHERE facet = 'region+work_mode' AND 1 = 1 AND tally_skill_facets.value = concat({f_region_name:Array(String)}[1], '|', {f_work_mode:Array(String)}[1]) AND 1 = 1",
    )
  })

  it("breaks one region's jobs down by work mode from the pair's rows, by the region's name", async () => {
    const europe = f({ region: ['europe'], from: '2025-01-01' })
    const p = await pathOf(europe, true)
    expect(p.facets('work_mode', compileWhere(europe))).toEqual({
      from: "FROM tally_facets WHERE facet = 'region+work_mode' AND 1 = 1 AND posted_day >= {f_from:Date} AND splitByChar('|', toString(tally_facets.value))[1] IN {f_region_name:Array(String)}",
      value: "splitByChar('|', toString(tally_facets.value))[2]",
    })
  })
})

describe('facetBreakdownRows', () => {
  it('breaks a one-value filter down by its own facet, or by the other facet of a pair', () => {
    expect(facetBreakdownRows('seniority', 'seniority')).toEqual({ facet: 'seniority', value: 'value' })
    expect(facetBreakdownRows('country', 'work_mode')).toEqual({
      facet: 'country+work_mode',
      value: "splitByChar('|', toString(tally_facets.value))[2]",
    })
    expect(facetBreakdownRows('work_mode', 'country')?.value).toBe(
      "if(splitByChar('|', toString(tally_facets.value))[1] = '', 'unknown', splitByChar('|', toString(tally_facets.value))[1])",
    )
    expect(facetBreakdownRows('country+work_mode', 'work_mode')?.facet).toBe('country+work_mode')
    // Work modes of senior jobs, seniorities of remote ones: the second pair's rows.
    expect(facetBreakdownRows('seniority', 'work_mode')).toEqual({
      facet: 'seniority+work_mode',
      value: "splitByChar('|', toString(tally_facets.value))[2]",
    })
    expect(facetBreakdownRows('work_mode', 'seniority')).toEqual({
      facet: 'seniority+work_mode',
      value: "splitByChar('|', toString(tally_facets.value))[1]",
    })
    // Work modes of Europe's jobs, regions of remote ones: the third pair's (a region is never empty).
    expect(facetBreakdownRows('region', 'work_mode')?.facet).toBe('region+work_mode')
    expect(facetBreakdownRows('work_mode', 'region')).toEqual({
      facet: 'region+work_mode',
      value: "splitByChar('|', toString(tally_facets.value))[1]",
    })
  })

  it('holds no other facet, and no industry (several per copy)', () => {
    expect(facetBreakdownRows('country', 'seniority')).toBeNull()
    expect(facetBreakdownRows('seniority+work_mode', 'country')).toBeNull()
    expect(facetBreakdownRows('country+work_mode', 'industry')).toBeNull()
    expect(facetBreakdownRows('industry', 'industry')).toBeNull()
    expect(facetBreakdownRows('seniority', 'region')).toBeNull()
  })
})
