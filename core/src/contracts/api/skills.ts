// GET /api/v1/skills: the skill taxonomy with human labels, category labels and, under the filter
// set, each skill's ads, share and rank; skills without ads in the range are flagged (noData) so a
// picker can hide them.
import { z } from 'zod'
import { AppliedFilters, FilterQuery } from './analytics-filters.ts'

export const SkillsQuery = FilterQuery
export type SkillsQuery = z.output<typeof SkillsQuery>

export const Skill = z
  .object({
    id: z.string(),
    name: z.string().meta({ description: 'human name' }),
    category: z.string(),
    categoryLabel: z.string(),
    ads: z.number().int().meta({ description: 'distinct ads under the filters that mention the skill' }),
    share: z.number().meta({ description: 'ads / all ads under the filters' }),
    rank: z
      .number()
      .int()
      .nullable()
      .meta({ description: 'by ads among the skills listed; null without ads' }),
    noData: z.boolean().meta({ description: 'no ads in the range: a picker may hide it' }),
  })
  .meta({ id: 'Skill' })
export type Skill = z.infer<typeof Skill>

export const SkillsResponse = z
  .object({
    filters: AppliedFilters,
    total: z.number().int().meta({ description: 'distinct ads under the filters' }),
    categories: z.array(z.object({ id: z.string(), label: z.string() })),
    skills: z.array(Skill),
  })
  .meta({ id: 'SkillsResponse' })
export type SkillsResponse = z.infer<typeof SkillsResponse>
