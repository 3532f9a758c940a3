// One skill's profile (in the spirit of IT Jobs Watch's skill pages): rank now and a year before,
// monthly share, salary percentiles now and a year before, the skills most often seen with it,
// its split by work mode, country, seniority and industry, and a few evidence ads.
import type { ClickHouseClient } from '@clickhouse/client'
import type { SkillProfileBody } from '../contracts/api/skill-profile.ts'
import { getSkill } from '../taxonomy/index.ts'
import { CATEGORY_LABELS } from '../taxonomy/categories.ts'
import type { SkillCategory } from '../taxonomy/types.ts'
import { queryAdsForSkill } from './ads.ts'
import { queryBreakdown, type BreakdownRow } from './breakdown.ts'
import { queryCooccurrence } from './cooccurrence.ts'
import type { Filters } from './filters.ts'
import { queryRankings } from './rankings.ts'
import { querySalaries } from './salaries.ts'

export type SkillProfile = SkillProfileBody

export async function querySkillProfile(
  ch: ClickHouseClient,
  q: { skill: string; filters: Filters; minCount: number; minN: number; currency: string },
): Promise<SkillProfile> {
  const s = getSkill(q.skill)
  if (!s) throw new Error(`unknown skill ${q.skill}`)
  const f = { ...q.filters, category: [] }
  const rankings = await queryRankings(ch, { filters: f, minCount: q.minCount, sort: 'rank', order: 'asc' })
  const now = { ...f, ...rankings.window }
  const before = { ...f, from: rankings.compareWindow.from, to: rankings.compareWindow.to }
  const salaryOf = async (filters: Filters) =>
    (
      await querySalaries(ch, {
        filters,
        by: 'skill',
        skills: [q.skill],
        interval: 'all',
        currency: q.currency,
        minN: q.minN,
      })
    ).cells
  const split = async (facet: keyof SkillProfile['split']) =>
    queryBreakdown(ch, { filters: now, facet, interval: 'all', skill: q.skill })
  const [trend, salNow, salBefore, co, workMode, country, seniority, industry, evidence] = await Promise.all([
    // The monthly share over both windows.
    monthlyShare(ch, { ...f, from: before.from, to: now.to }, q.skill),
    salaryOf(now),
    salaryOf(before),
    queryCooccurrence(ch, { filters: now, skills: [q.skill], limit: 15 }),
    split('work_mode'),
    split('country'),
    split('seniority'),
    split('industry'),
    queryAdsForSkill(ch, {
      skill: q.skill,
      from: now.from,
      to: now.to,
      source: f.source[0] ?? null,
      limit: 5,
    }),
  ])
  const all = [...rankings.ranked, ...rankings.belowMinimum]
  return {
    skill: {
      id: s.id,
      name: s.name,
      category: s.category,
      categoryLabel: CATEGORY_LABELS[s.category as SkillCategory],
    },
    window: rankings.window,
    compareWindow: rankings.compareWindow,
    ranking: all.find((r) => r.skill === q.skill) ?? null,
    trend,
    salaries: { currency: q.currency, minN: q.minN, now: salNow, yearBefore: salBefore },
    cooccurring: co.rows,
    split: { work_mode: workMode, country, seniority, industry },
    evidence,
  }
}

/** Share of ads per month that mention the skill (a breakdown on "has the skill"). */
async function monthlyShare(ch: ClickHouseClient, filters: Filters, skill: string): Promise<BreakdownRow[]> {
  const withSkill = await queryBreakdown(ch, { filters, facet: 'work_mode', interval: 'month', skill })
  const all = await queryBreakdown(ch, { filters, facet: 'work_mode', interval: 'month' })
  const totals = new Map(all.map((r) => [r.period, r.total]))
  const perPeriod = new Map<string, number>()
  for (const r of withSkill) perPeriod.set(r.period, r.total)
  return [...totals].map(([period, total]) => {
    const ads = perPeriod.get(period) ?? 0
    return { period, value: skill, ads, total, share: total ? Math.round((ads / total) * 1e6) / 1e6 : 0 }
  })
}
