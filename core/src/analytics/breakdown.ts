// Share of ads per value of one facet (work mode, country, region, industry, seniority, role
// family, employment type) per period, under the filter set; optionally only ads mentioning a
// skill (the skill profile's splits). Industry is multi-valued, so its shares may add up to more
// than 1. Distinct ads (dedupe_key), from the tallies, the rollups or the raw rows (query-path.ts).
import type { ClickHouseClient } from '@clickhouse/client'
import type { BreakdownRow } from '../contracts/api/breakdown.ts'
import { queryRows } from '../clickhouse/query.ts'
import { FACET_SQL, REGION_PARAMS, SKILL_SPLIT_FACETS, type BreakdownFacet } from './facet-sql.ts'
import { compileWhere, type Filters } from './filters.ts'
import { choosePath, overFilters } from './query-path.ts'
import { round } from './stats.ts'
import { PERIOD_SQL, type Interval } from './trends.ts'

export type { BreakdownFacet }

export interface BreakdownQuery {
  filters: Filters
  facet: BreakdownFacet
  interval: Interval | 'all'
  /** Only ads that mention this skill. */
  skill?: string
}

export type { BreakdownRow }

export async function queryBreakdown(ch: ClickHouseClient, q: BreakdownQuery): Promise<BreakdownRow[]> {
  // Without a skill or a board filter, the all-boards tallies hold per-facet rows (tally_facets).
  // So do the facet tallies under one value of a facet (or a pair) where they hold the breakdown.
  const question = {
    filters: q.filters,
    additive: !q.skill && !q.filters.source.length,
    facetTallies: true,
  }
  const p = await choosePath(ch, { ...question, breakdown: q.facet })
  // The totals need no breakdown: under one facet value whose tallies hold no split by this facet
  // (seniority by work mode), they still read the facet tallies rather than every rollup row (at
  // 10M ads, 2025 + senior by work mode: one of its two 63-73 ms queries).
  const totalsPath = q.skill || p.path === 'tally' ? p : await choosePath(ch, question)
  const w = compileWhere(q.filters)
  const params = { ...w.params, ...REGION_PARAMS, skill: q.skill ?? '' }
  const from = q.skill ? p.skills({ sql: `${w.sql} AND skill = {skill:String}`, params }) : totalsPath.ads(w)
  const values = q.skill ? { from, value: FACET_SQL[q.facet] } : p.facets(q.facet, { sql: w.sql, params })
  const period = q.interval === 'all' ? "'all'" : `toString(${PERIOD_SQL[q.interval]})`
  const over = overFilters(q.filters, q.interval === 'all' ? undefined : PERIOD_SQL[q.interval])
  const [totals, rows] = await Promise.all([
    queryRows<{ period: string; total: string }>(
      ch,
      `SELECT ${period} AS period, ${totalsPath.count(over)} AS total ${from} GROUP BY period`,
      params,
    ),
    queryRows<{ period: string; value: string; ads: string }>(
      ch,
      `SELECT ${period} AS period, ${values.value} AS value, ${p.count(over)} AS ads ${values.from}
       GROUP BY period, value ORDER BY period, ads DESC, value`,
      params,
    ),
  ])
  const totalOf = new Map(totals.map((t) => [t.period, Number(t.total)]))
  return rows.map((r) => {
    const total = totalOf.get(r.period) ?? 0
    const ads = Number(r.ads)
    return { period: r.period, value: r.value, ads, total, share: total ? round(ads / total) : 0 }
  })
}

export interface SkillSplitsQuery<F extends BreakdownFacet> {
  filters: Filters
  facets: readonly F[]
  skill: string
  /** The skill's distinct ads under the filters (the callers have counted them already). */
  total: number
}

/**
 * Several facets of the ads that mention one skill, over the whole range (period 'all'), in one
 * query: one grouping set per facet (a row enters each once, once per industry). The
 * same rows as queryBreakdown per facet with `interval: 'all'` (the skill profile's splits). With
 * no filter but dates, from tally_skill_facets.
 */
export async function querySkillSplits<F extends BreakdownFacet>(
  ch: ClickHouseClient,
  q: SkillSplitsQuery<F>,
): Promise<Record<F, BreakdownRow[]>> {
  if (q.facets.length === 0) return {} as Record<F, BreakdownRow[]>
  const w = compileWhere(q.filters)
  const params = { ...w.params, ...REGION_PARAMS, skill: q.skill }
  // With no filter but dates and the split facets: the skill × facet tallies.
  const tallied =
    q.filters.source.length === 0 &&
    q.facets.every((f) => (SKILL_SPLIT_FACETS as readonly string[]).includes(f))
  const tally = tallied ? await choosePath(ch, { filters: q.filters, additive: true }) : null
  let rows: { facet: number; value: string; ads: string }[]
  if (tally?.path === 'tally') {
    const named = await queryRows<{ name: string; value: string; ads: string }>(
      ch,
      `SELECT facet AS name, value, ${tally.count(overFilters(q.filters))} AS ads FROM tally_skill_facets
       WHERE skill = {skill:String} AND facet IN {facets:Array(String)} AND ${w.sql}
       GROUP BY facet, value HAVING ads > 0 ORDER BY ads DESC, value`,
      { ...w.params, skill: q.skill, facets: q.facets },
    )
    rows = named.map((r) => ({ facet: q.facets.indexOf(r.name as F) + 1, value: r.value, ads: r.ads }))
  } else {
    const p = await choosePath(ch, { filters: q.filters })
    const from = p.skills({ sql: `${w.sql} AND skill = {skill:String}`, params })
    // One grouping set per facet (numbered: their names stay out of SQL), each grouping one
    // column; a row enters once per industry, which distinct counts absorb. The query alone, the
    // previous one (a (facet, value) tuple per row and facet, one grouping) in turn: python under
    // US + remote 100-109 -> 70-75 ms at 10M ads, under 2025 + senior 136-173 -> 104-120 ms.
    const values = q.facets.map((facet, i) => `toString(${FACET_SQL[facet]}) AS v${i + 1}`)
    const whichSet = (then: (i: number) => string, otherwise: string) =>
      `multiIf(${q.facets.map((_, i) => `grouping(v${i + 1}) = 0, ${then(i + 1)}`).join(', ')}, ${otherwise})`
    const sets = q.facets.map((_, i) => `(v${i + 1})`)
    rows = await queryRows(
      ch,
      `SELECT ${values.join(', ')}, ${whichSet(String, '0')} AS facet, ${whichSet((i) => `v${i}`, "''")} AS value,
              ${p.count()} AS ads
       ${from} GROUP BY GROUPING SETS (${sets.join(', ')}) ORDER BY facet, ads DESC, value
       SETTINGS force_grouping_standard_compatibility = 1`,
      params,
    )
  }
  const { total } = q
  const out = {} as Record<F, BreakdownRow[]>
  q.facets.forEach((facet, i) => {
    out[facet] = rows
      .filter((r) => Number(r.facet) === i + 1)
      .map((r) => {
        const ads = Number(r.ads)
        return { period: 'all', value: r.value, ads, total, share: total ? round(ads / total) : 0 }
      })
  })
  return out
}
