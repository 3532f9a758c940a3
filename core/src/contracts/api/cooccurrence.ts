// GET /api/v1/cooccurrence: the skills seen with a skill (or all of a set): count, share, lift.
// Browser-safe (zod only).
import { z } from 'zod'
import {
  AppliedFilters,
  FilterQuery,
  intParam,
  LIMITS,
  SkillLabel,
  skillListParam,
} from './analytics-filters.ts'

export const CooccurrenceQuery = FilterQuery.extend({
  skills: skillListParam(LIMITS.trendSkills, true),
  limit: intParam(1, LIMITS.pageRows, 15, 'rows returned'),
})
export type CooccurrenceQuery = z.output<typeof CooccurrenceQuery>

export const CooccurringSkill = SkillLabel.extend({
  ads: z.number().int().meta({ description: 'ads with every anchor skill and this one' }),
  share: z.number().meta({ description: 'ads / anchor ads' }),
  skillAds: z.number().int().meta({ description: 'ads with this skill (anchor or not)' }),
  lift: z
    .number()
    .meta({ description: 'share / (skill ads / all ads): > 1 = seen together more than by chance' }),
}).meta({ id: 'CooccurringSkill' })
export type CooccurringSkill = z.infer<typeof CooccurringSkill>

export const CooccurrenceBody = z.object({
  skills: z.array(z.string()),
  total: z.number().int().meta({ description: 'ads under the filters' }),
  anchorAds: z.number().int().meta({ description: 'ads that mention every anchor skill' }),
  rows: z.array(CooccurringSkill),
})
export type CooccurrenceBody = z.infer<typeof CooccurrenceBody>

export const CooccurrenceResponse = CooccurrenceBody.extend({ filters: AppliedFilters }).meta({
  id: 'CooccurrenceResponse',
})
export type CooccurrenceResponse = z.infer<typeof CooccurrenceResponse>
