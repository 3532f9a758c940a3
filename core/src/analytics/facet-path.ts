// The facet tallies as a count path (issue 9): a question filtered by one value of one tallied
// facet (work mode, country, seniority, industry or region), or one value of each facet of a
// tallied pair (country, seniority or region with work mode), and otherwise only by dates, is
// answered from tally_facets (the jobs with a copy carrying the value, per day) and
// tally_skill_facets (the same per skill, the value and the skill from one copy), with the
// all-boards tallies' rule for jobs on several days. That is what the filter means on the other
// paths: a job counts when one of its copies in the window has the value (and, for a skill, names
// it). So the counts stay sums of rows that stop growing with the ads, instead of distinct jobs
// over every rollup row of the window.
// Only for callers that opt in (PathQuestion.facetTallies): those that read `ads`, `skills` and
// the counts, and breakdowns by a facet the tallies hold with the filter's (facetBreakdownRows).
import { REGIONS } from '../contracts/api/analytics-filters.ts'
import { FACET_FILTER_SQL, REGION_NAME_PARAM, type CompiledWhere, type Filters } from './filters.ts'
import {
  isTalliedPair,
  pairOf,
  pairPartSql,
  TALLIED_PAIRS,
  TALLIED_SINGLE_FACETS,
  type BreakdownFacet,
  type TalliedPair,
} from './facet-sql.ts'
import { periodAndDayRowsSql } from '../tables/tally-window.ts'
import type { CountPath } from './query-path.ts'

type FilterFacet = keyof typeof FACET_FILTER_SQL

/** What the facet tallies hold as one facet: a split facet, or a pair of them (TALLIED_PAIRS). */
export type TallyFacet = FilterFacet | TalliedPair

/**
 * The tallied facet whose one value is the filter set's only filter but dates (or the pair whose
 * two facets have one value each); null when there is none.
 */
export function tallyFacetFilter(f: Filters): TallyFacet | null {
  const others = [f.source, f.role_family, f.employment_type]
  if (others.some((values) => values.length > 0)) return null
  const set = (Object.keys(FACET_FILTER_SQL) as FilterFacet[]).filter((facet) => f[facet].length > 0)
  // One value each: a job with copies under two values would count twice in the sum of their rows.
  // 'unknown' stands for an empty country or industry in the tallies, which the filter does not match.
  if (set.some((facet) => f[facet].length !== 1 || f[facet][0] === 'unknown' || f[facet][0] === ''))
    return null
  // A region the filter knows no countries of sets no condition (compileWhere) for the path to swap.
  if (f.region.length && !Object.hasOwn(REGIONS, f.region[0]!)) return null
  if (set.length === 1) return (TALLIED_SINGLE_FACETS as readonly string[]).includes(set[0]!) ? set[0]! : null
  return set.length === 2 ? (pairOf(set[0]!, set[1]!) ?? null) : null
}

/**
 * The tallied facet the filters ask for (tallyFacetFilter) and its value as the tallies write it:
 * the filter's one value, or a pair's two joined by '|' ('US|remote'); null when there is none.
 */
export function tallyFacetValue(f: Filters): { name: TallyFacet; value: string } | null {
  const facet = tallyFacetFilter(f)
  if (!facet) return null
  const facets: readonly FilterFacet[] = isTalliedPair(facet) ? TALLIED_PAIRS[facet] : [facet]
  return { name: facet, value: facets.map((name) => f[name][0]).join('|') }
}

/** The path over one facet's tallies; `count` / `countIf` are the all-boards tallies' (`base`). */
export function facetTallyPath(facet: TallyFacet, base: Pick<CountPath, 'count' | 'countIf'>): CountPath {
  // The filter's condition on the facet's column (or the pair's two) becomes one on the tallies'
  // value column.
  const swap = (sql: string, facetOfCond: FilterFacet, by: string) => {
    const cond = FACET_FILTER_SQL[facetOfCond]
    if (!sql.includes(cond)) throw new Error(`the facet tallies need the ${facetOfCond} filter's condition`)
    return sql.replace(cond, by)
  }
  // Qualified by its table: a breakdown names its output `value`, an alias that would replace the
  // column in WHERE.
  const onValue = (
    w: CompiledWhere,
    table: 'tally_facets' | 'tally_skill_facets' | 'tally_skill_facet_periods',
  ) => {
    if (!isTalliedPair(facet)) return swap(w.sql, facet, `${table}.value IN ${valueParam(facet)}`)
    const [a, b] = TALLIED_PAIRS[facet]
    const value = `${table}.value = concat(${valueParam(a)}[1], '|', ${valueParam(b)}[1])`
    return swap(swap(w.sql, a, value), b, '1 = 1')
  }
  return {
    path: 'tally',
    ads: (w) => `FROM tally_facets WHERE facet = '${facet}' AND ${onValue(w, 'tally_facets')}`,
    skills: (w) => `FROM tally_skill_facets WHERE facet = '${facet}' AND ${onValue(w, 'tally_skill_facets')}`,
    // Period rows (tally_skill_facet_periods) for the whole periods, the day rows around them: as
    // the all-boards tallies' skillsByPeriod (query-path.ts), under the value.
    skillsByPeriod: (w, days) =>
      periodAndDayRowsSql(
        {
          table: 'tally_skill_facet_periods',
          where: `facet = '${facet}' AND ${onValue(w, 'tally_skill_facet_periods')}`,
        },
        { table: 'tally_skill_facets', where: `facet = '${facet}' AND ${onValue(w, 'tally_skill_facets')}` },
        days,
      ),
    facets: (by, w) => {
      const rows = facetBreakdownRows(facet, by)
      if (!rows) throw new Error(`the facet tallies hold no breakdown by ${by} under a ${facet} filter`)
      if (rows.facet === facet)
        return {
          from: `FROM tally_facets WHERE facet = '${facet}' AND ${onValue(w, 'tally_facets')}`,
          value: rows.value,
        }
      // A single facet's filter on a pair's rows: its part of the pair's value is the filter's value.
      const filtered = facet as FilterFacet
      const part = pairPartSql(rows.facet as TalliedPair, filtered)
      const sql = swap(w.sql, filtered, `${part} IN ${valueParam(filtered)}`)
      return { from: `FROM tally_facets WHERE facet = '${rows.facet}' AND ${sql}`, value: rows.value }
    },
    count: base.count,
    countIf: base.countIf,
  }
}

/**
 * The parameter that holds a filter's values as the tallies write them: its own, except a region's
 * filter, whose own (f_region) holds its countries for the other paths; REGION_NAME_PARAM its name.
 */
function valueParam(facet: FilterFacet): string {
  return `{${facet === 'region' ? REGION_NAME_PARAM : `f_${facet}`}:Array(String)}`
}

/**
 * The facet tallies' rows that break a count under a `facet` filter down by `by`, and the SQL of
 * a row's `by` value; null when they hold none. A job counts under a value when one of its copies
 * in the window has it and passes the filter, as on the other paths: rows whose one value carries
 * both the filtered facet's and `by`'s value. So `by` is the filtered facet itself, or a pair holds
 * both (the pair's own rows, or a single facet's filter read from the pair that holds it and `by`).
 */
export function facetBreakdownRows(
  facet: TallyFacet,
  by: BreakdownFacet,
): { facet: TallyFacet; value: string } | null {
  // Industry is several values per copy: a copy that passes one industry's filter counts under
  // its other industries too, which one value's rows do not hold.
  if (facet === by) return facet === 'industry' ? null : { facet, value: 'value' }
  if (isTalliedPair(facet)) {
    const held = (TALLIED_PAIRS[facet] as readonly string[]).includes(by)
    return held ? { facet, value: pairPartSql(facet, by) } : null
  }
  const pair = pairOf(facet, by)
  return pair ? { facet: pair, value: pairPartSql(pair, by) } : null
}
