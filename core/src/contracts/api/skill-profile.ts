// GET /api/v1/skills/{id}: one skill's profile. Browser-safe (zod only).
import { z } from 'zod'
import { AppliedFilters, FilterQuery, intParam } from './analytics-filters.ts'
import { BreakdownRow } from './breakdown.ts'
import { CooccurringSkill } from './cooccurrence.ts'
import { AdEvidence } from './ads.ts'
import { RankedSkill, RankingWindow } from './rankings.ts'
import { SalaryCell } from './salaries.ts'

export const SkillProfileQuery = FilterQuery.extend({
  min_count: intParam(1, 100_000, 20, 'ads a skill needs to be ranked'),
  min_n: intParam(1, 10_000, 10, 'smallest salary sample shown'),
  currency: z.string().optional().meta({ description: 'ISO 4217 code for salaries (default USD)' }),
})
export type SkillProfileQuery = z.output<typeof SkillProfileQuery>

export const SkillProfileBody = z.object({
  skill: z.object({ id: z.string(), name: z.string(), category: z.string(), categoryLabel: z.string() }),
  window: RankingWindow,
  compareWindow: RankingWindow,
  ranking: RankedSkill.nullable().meta({ description: 'rank now and in the comparison window' }),
  trend: z.array(BreakdownRow).meta({ description: 'monthly share over both windows' }),
  salaries: z.object({
    currency: z.string(),
    minN: z.number().int(),
    now: z.array(SalaryCell),
    yearBefore: z.array(SalaryCell),
  }),
  cooccurring: z.array(CooccurringSkill),
  split: z.object({
    work_mode: z.array(BreakdownRow),
    country: z.array(BreakdownRow),
    seniority: z.array(BreakdownRow),
    industry: z.array(BreakdownRow),
  }),
  evidence: z.array(AdEvidence),
})
export type SkillProfileBody = z.infer<typeof SkillProfileBody>

export const SkillProfileResponse = SkillProfileBody.extend({ filters: AppliedFilters }).meta({
  id: 'SkillProfileResponse',
})
export type SkillProfileResponse = z.infer<typeof SkillProfileResponse>
