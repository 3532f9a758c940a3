// One skill's profile (in the spirit of IT Jobs Watch's skill pages): rank now and a year before,
// monthly share, salary percentiles now and a year before, the skills most often seen with it,
// its split by work mode, country, seniority and industry, and a few evidence ads. Composed from
// the endpoints' queries, without repeating their work: the rankings' counts (the window's total,
// the skill's and every other skill's distinct ads) serve as the splits' total and co-occurrence's
// totals, the four splits are one query, the monthly share one.
import type { ClickHouseClient } from '@clickhouse/client'
import type { SkillProfileBody } from '../contracts/api/skill-profile.ts'
import { queryRows } from '../clickhouse/query.ts'
import { getSkill } from '../taxonomy/index.ts'
import { CATEGORY_LABELS } from '../taxonomy/categories.ts'
import type { SkillCategory } from '../taxonomy/types.ts'
import { queryAdsForSkill } from './ads.ts'
import { querySkillSplits, type BreakdownRow } from './breakdown.ts'
import { queryCooccurrence } from './cooccurrence.ts'
import { SKILL_SPLIT_FACETS } from './facet-sql.ts'
import { compileWhere, type Filters } from './filters.ts'
import { choosePath, overFilters, skillsOver } from './query-path.ts'
import { queryRankingsIn, resolveWindows } from './rankings.ts'
import { querySalaries } from './salaries.ts'
import { PERIOD_SQL } from './trends.ts'

export type SkillProfile = SkillProfileBody

export async function querySkillProfile(
  ch: ClickHouseClient,
  q: { skill: string; filters: Filters; minCount: number; minN: number; currency: string },
): Promise<SkillProfile> {
  const s = getSkill(q.skill)
  if (!s) throw new Error(`unknown skill ${q.skill}`)
  const f = { ...q.filters, category: [] }
  // The windows first (the newest day: one small query), then every part at once: only
  // co-occurrence and the splits wait for the rankings' counts. The evidence ads, a chain of two
  // queries, no longer start after the rankings.
  const windows = await resolveWindows(ch, f)
  const now = { ...f, ...windows.current }
  const before = { ...f, ...windows.previous }
  const rankingsAndCounted = queryRankingsIn(
    ch,
    { filters: f, minCount: q.minCount, sort: 'rank', order: 'asc' },
    windows,
  ).then(async (rankings) => {
    const all = [...rankings.ranked, ...rankings.belowMinimum]
    const ranking = all.find((r) => r.skill === q.skill) ?? null
    // Distinct ads in the current window under the same filters (every category), per skill.
    const known = {
      total: rankings.window.total,
      anchorAds: ranking?.ads ?? 0,
      skillAds: new Map(all.map((r) => [r.skill, r.ads])),
    }
    const [co, split] = await Promise.all([
      queryCooccurrence(ch, { filters: now, skills: [q.skill], limit: 15, known }),
      querySkillSplits(ch, {
        filters: now,
        facets: SKILL_SPLIT_FACETS,
        skill: q.skill,
        total: known.anchorAds,
      }),
    ])
    return { rankings, ranking, co, split }
  })
  const salaryOf = async (filters: Filters) =>
    (
      await querySalaries(ch, {
        filters,
        by: 'skill',
        skills: [q.skill],
        interval: 'all',
        currency: q.currency,
        minN: q.minN,
        // The profile shows the skill's percentiles only.
        premium: false,
      })
    ).cells
  const [{ rankings, ranking, co, split }, trend, salNow, salBefore, evidence] = await Promise.all([
    rankingsAndCounted,
    // The monthly share over both windows.
    monthlyShare(ch, { ...f, from: before.from, to: now.to }, q.skill),
    salaryOf(now),
    salaryOf(before),
    queryAdsForSkill(ch, {
      skill: q.skill,
      from: now.from,
      to: now.to,
      source: f.source[0] ?? null,
      limit: 5,
    }),
  ])
  return {
    skill: {
      id: s.id,
      name: s.name,
      category: s.category,
      categoryLabel: CATEGORY_LABELS[s.category as SkillCategory],
    },
    window: rankings.window,
    compareWindow: rankings.compareWindow,
    ranking,
    trend,
    salaries: { currency: q.currency, minN: q.minN, now: salNow, yearBefore: salBefore },
    cooccurring: co.rows,
    split,
    evidence,
  }
}

/**
 * Share of ads per month that mention the skill: distinct ads per month (every month with an ad)
 * and those with the skill, in one query.
 */
async function monthlyShare(ch: ClickHouseClient, filters: Filters, skill: string): Promise<BreakdownRow[]> {
  const p = await choosePath(ch, { filters, additive: true, facetTallies: true })
  const w = compileWhere(filters)
  const params = { ...w.params, skill }
  const period = `toString(${PERIOD_SQL.month})`
  const over = overFilters(filters, PERIOD_SQL.month)
  const skillRows = skillsOver(p, { sql: `${w.sql} AND skill = {skill:String}`, params }, filters, over)
  const rows = await queryRows<{ period: string; with_skill: number; n: string }>(
    ch,
    `SELECT ${period} AS period, 0 AS with_skill, ${p.count(over)} AS n ${p.ads(w)} GROUP BY period
     UNION ALL
     SELECT ${period} AS period, 1 AS with_skill, ${p.count(over)} AS n ${skillRows.from} GROUP BY period`,
    { ...params, ...skillRows.params },
  )
  const withSkill = new Map(
    rows.filter((r) => Number(r.with_skill) === 1).map((r) => [r.period, Number(r.n)]),
  )
  return rows
    .filter((r) => Number(r.with_skill) === 0)
    .sort((a, b) => a.period.localeCompare(b.period))
    .map((r) => {
      const total = Number(r.n)
      const ads = withSkill.get(r.period) ?? 0
      return {
        period: r.period,
        value: skill,
        ads,
        total,
        share: total ? Math.round((ads / total) * 1e6) / 1e6 : 0,
      }
    })
}
