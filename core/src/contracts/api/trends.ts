// GET /api/v1/trends: per period and series (a skill or a whole category), the ads that mention
// it, all ads, the share with its 95% Wilson interval, a rolling mean and the period's completeness.
import { z } from 'zod'
import { AppliedFilters, FilterQuery, intParam, skillListParam } from './analytics-filters.ts'
import { IntervalParam, INTERVALS } from './common.ts'

export const MAX_TREND_SKILLS = 20
export const TrendsQuery = FilterQuery.extend({
  skills: skillListParam(MAX_TREND_SKILLS, false),
  categories: z
    .string()
    .optional()
    .meta({ description: 'skill categories as whole series (ads naming any skill of it), comma-separated' }),
  interval: IntervalParam,
  rolling: intParam(1, 24, 1, 'periods in the rolling mean of the share (1 = none)'),
})
export type TrendsQuery = z.output<typeof TrendsQuery>

export const TrendPoint = z
  .object({
    period: z.string().meta({ description: 'first day of the period, YYYY-MM-DD' }),
    kind: z.enum(['skill', 'category']),
    skill: z.string().meta({ description: 'the series: a skill id, or a category id when kind = category' }),
    ads: z.number().int().meta({ description: 'distinct ads in the period that mention the skill' }),
    total: z.number().int().meta({ description: 'distinct ads in the period' }),
    share: z.number().meta({ description: 'ads / total, 0..1' }),
    low: z.number().meta({ description: 'lower bound of the 95% Wilson interval of the share' }),
    high: z.number().meta({ description: 'upper bound of the 95% Wilson interval of the share' }),
    rollingShare: z
      .number()
      .nullable()
      .meta({ description: 'mean share of this and the rolling − 1 periods before' }),
    complete: z
      .boolean()
      .nullable()
      .meta({ description: 'the period is captured in full (see /api/v1/coverage); null where unknown' }),
  })
  .meta({ id: 'TrendPoint' })
export type TrendPoint = z.infer<typeof TrendPoint>

export const TrendsResponse = z
  .object({
    interval: z.enum(INTERVALS),
    from: z.string().nullable(),
    to: z.string().nullable(),
    skills: z.array(z.string()),
    categories: z.array(z.string()),
    rolling: z.number().int(),
    filters: AppliedFilters,
    points: z.array(TrendPoint),
  })
  .meta({ id: 'TrendsResponse' })
export type TrendsResponse = z.infer<typeof TrendsResponse>
