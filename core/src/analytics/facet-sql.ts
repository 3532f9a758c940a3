// The value of each breakdown facet (work mode, country, region, industry, seniority, role
// family, employment type) as SQL over the columns `ads`, the rollups and the tallies' fill share,
// defined once for the breakdown queries and the facet tallies (core/src/tables/tallies.ts).
// Region names come from the contracts' country lists, bound as parameters (REGION_PARAMS).
import { BREAKDOWN_FACETS, REGIONS } from '../contracts/api/analytics-filters.ts'

export type BreakdownFacet = (typeof BREAKDOWN_FACETS)[number]

const REGION_SQL = `multiIf(${Object.keys(REGIONS)
  .map((_, i) => `has({region_${i}:Array(String)}, country), {region_name_${i}:String}`)
  .join(', ')}, 'unknown')`

/** The parameters REGION_SQL reads: every query using FACET_SQL passes them. */
export const REGION_PARAMS = Object.fromEntries(
  Object.entries(REGIONS).flatMap(([name, countries], i) => [
    [`region_${i}`, countries],
    [`region_name_${i}`, name],
  ]),
)

/** One value per row (industry, multi-valued, through arrayJoin: a row per industry). */
export const FACET_SQL: Record<BreakdownFacet, string> = {
  work_mode: 'work_mode',
  country: "if(country = '', 'unknown', country)",
  region: REGION_SQL,
  industry: "arrayJoin(if(empty(industries), ['unknown'], industries))",
  seniority: 'seniority',
  role_family: 'role_family',
  employment_type: 'employment_type',
}

/** The facet's values of a row as an array of strings (industry: every industry, or 'unknown'). */
export function facetValuesSql(facet: BreakdownFacet): string {
  return facet === 'industry'
    ? "arrayMap(v -> toString(v), if(empty(industries), ['unknown'], industries))"
    : `[toString(${FACET_SQL[facet]})]`
}

export { BREAKDOWN_FACETS }

/** The facets of a skill's split (the skill page), tallied per skill in tally_skill_facets. */
export const SKILL_SPLIT_FACETS = ['work_mode', 'country', 'seniority', 'industry'] as const

/**
 * The single facets tallied per skill (tally_skill_facets, tally_salary_facets), so a filter of
 * one of their values reads the facet tallies: the split facets and the region (migration 025; one
 * region per copy, from its country). Before, a region's questions read every rollup row of their
 * window.
 */
export const TALLIED_SINGLE_FACETS = [...SKILL_SPLIT_FACETS, 'region'] as const

/**
 * Facet pairs tallied as one facet (tally_facets, tally_skill_facets), for a filter of one value
 * of each: the value is the two facets' values of a copy joined by '|' (country 'US' and work mode
 * 'remote': 'US|remote'). Country with work mode is the pair a job seeker sets first; seniority
 * with work mode ('senior|remote') the next (migration 024): without its rows, senior + remote
 * read every rollup row of its window (at 10M ads the skill page took 1.2 s, US + remote 0.3 s).
 */
export const TALLIED_PAIRS = {
  'country+work_mode': ['country', 'work_mode'],
  'seniority+work_mode': ['seniority', 'work_mode'],
  // Migration 026: before it, Europe + remote read every rollup row of its window, and so did a
  // breakdown of Europe's jobs by work mode (bench:api p95 at 10M ads 255 ms, 5.7x its 1M figure;
  // 35 ms with the pair).
  'region+work_mode': ['region', 'work_mode'],
} as const satisfies Record<string, readonly [BreakdownFacet, BreakdownFacet]>

export type TalliedPair = keyof typeof TALLIED_PAIRS

/** The tallied pairs' names. */
export const TALLIED_PAIR_NAMES = Object.keys(TALLIED_PAIRS) as TalliedPair[]

export function isTalliedPair(facet: string): facet is TalliedPair {
  return facet in TALLIED_PAIRS
}

/** The tallied pair made of exactly these two facets, if any. */
export function pairOf(a: string, b: string): TalliedPair | undefined {
  return TALLIED_PAIR_NAMES.find((p) => {
    const held = TALLIED_PAIRS[p] as readonly string[]
    return a !== b && held.includes(a) && held.includes(b)
  })
}

/**
 * A row's values under a breakdown facet (facetValuesSql) or a tallied pair (one string: its two
 * facets' values joined by '|'), as the facet tallies' fill writes them. A pair's part is its
 * column as stored (an empty country stays empty: pairPartSql reads it as 'unknown'), except the
 * region, which no column holds: its name from the country (REGION_SQL, 'unknown' outside them).
 */
export function tallyValuesSql(facet: BreakdownFacet | TalliedPair): string {
  if (!isTalliedPair(facet)) return facetValuesSql(facet)
  const part = (f: BreakdownFacet) => (f === 'region' ? REGION_SQL : `toString(${f})`)
  const [a, b] = TALLIED_PAIRS[facet]
  return `[concat(${part(a)}, '|', ${part(b)})]`
}

/**
 * One facet's part of a pair's value (`value` of the pair's rows in tally_facets), as the
 * breakdowns write that facet's value: an empty country is 'unknown' (FACET_SQL).
 */
export function pairPartSql(pair: TalliedPair, facet: BreakdownFacet): string {
  const i = (TALLIED_PAIRS[pair] as readonly string[]).indexOf(facet)
  if (i < 0) throw new Error(`the pair ${pair} holds no ${facet}`)
  // Qualified: the breakdown names its output `value`, an alias that would replace the column.
  const part = `splitByChar('|', toString(tally_facets.value))[${i + 1}]`
  return facet === 'country' ? `if(${part} = '', 'unknown', ${part})` : part
}

/**
 * The facets tallied per skill (tally_skill_facets) and per salary (tally_salary_facets): the
 * single facets (the skill page's splits, the region) and the tallied pairs.
 */
const SKILL_TALLY_FACETS = [...TALLIED_SINGLE_FACETS, ...TALLIED_PAIR_NAMES]

/** Every (facet, value) tuple of a row under SKILL_TALLY_FACETS, as one array (for an arrayJoin). */
export function skillTallyEntriesSql(): string {
  const entries = SKILL_TALLY_FACETS.map((f) => `arrayMap(v -> ('${f}', v), ${tallyValuesSql(f)})`)
  return `arrayConcat(${entries.join(', ')})`
}
