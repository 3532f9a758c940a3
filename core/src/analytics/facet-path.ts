// The facet tallies as a count path (issue 9): a question filtered by one value of one split
// facet (work mode, country, seniority or industry), and otherwise only by dates, is answered from
// tally_facets (the jobs with a copy carrying the value, per day) and tally_skill_facets (the same
// per skill, the value and the skill from one copy), with the all-boards tallies' rule for jobs on
// several days. That is what the filter means on the other paths: a job counts when one of its
// copies in the window has the value (and, for a skill, names it). So the counts stay sums of rows
// that stop growing with the ads, instead of distinct jobs over every rollup row of the window.
// Only for callers that read `ads`, `skills` and the counts (PathQuestion.facetTallies).
import { FACET_FILTER_SQL, type CompiledWhere, type Filters } from './filters.ts'
import { SKILL_SPLIT_FACETS } from './facet-sql.ts'
import type { CountPath } from './query-path.ts'

type FilterFacet = keyof typeof FACET_FILTER_SQL

/** The facet whose one value is the filter set's only filter but dates; null when there is none. */
export function singleFacetFilter(f: Filters): FilterFacet | null {
  const others = [f.source, f.region, f.role_family, f.employment_type]
  if (others.some((values) => values.length > 0)) return null
  const set = (Object.keys(FACET_FILTER_SQL) as FilterFacet[]).filter((facet) => f[facet].length > 0)
  if (set.length !== 1) return null
  const facet = set[0]!
  const values = f[facet]
  // 'unknown' stands for an empty country or industry in the tallies, which the filter does not match.
  if (values.length !== 1 || values[0] === 'unknown' || values[0] === '') return null
  return (SKILL_SPLIT_FACETS as readonly string[]).includes(facet) ? facet : null
}

/** The path over one facet's tallies; `count` / `countIf` are the all-boards tallies' (`base`). */
export function facetTallyPath(facet: FilterFacet, base: Pick<CountPath, 'count' | 'countIf'>): CountPath {
  // The filter's condition on the facet's column becomes one on the tallies' value column.
  const onValue = (w: CompiledWhere) => {
    const cond = FACET_FILTER_SQL[facet]
    if (!w.sql.includes(cond)) throw new Error(`the facet tallies need the ${facet} filter's condition`)
    return w.sql.replace(cond, `value IN {f_${facet}:Array(String)}`)
  }
  return {
    path: 'tally',
    ads: (w) => `FROM tally_facets WHERE facet = '${facet}' AND ${onValue(w)}`,
    skills: (w) => `FROM tally_skill_facets WHERE facet = '${facet}' AND ${onValue(w)}`,
    facets: () => {
      throw new Error('the facet tallies hold one facet at a time: no breakdown by another')
    },
    count: base.count,
    countIf: base.countIf,
  }
}
