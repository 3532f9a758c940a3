// GET /api/v1/trends: per period and skill, the ads that mention the skill, all ads, the share.
import { z } from 'zod'
import { dayParam, IntervalParam, INTERVALS, SKILL_ID, SourceParam } from './common.ts'

export const MAX_TREND_SKILLS = 20
const SKILLS_REQUIRED = 'required, a comma-separated list of skill ids such as python,go'

/** `?skills=python,go`: ids trimmed, lowercased and de-duplicated; at least one, at most 20. */
export const SkillListParam = z
  .string({ error: SKILLS_REQUIRED })
  .transform((raw, ctx) => {
    const ids = [
      ...new Set(
        raw
          .split(',')
          .map((s) => s.trim().toLowerCase())
          .filter(Boolean),
      ),
    ]
    if (ids.length === 0) ctx.addIssue({ code: 'custom', message: SKILLS_REQUIRED })
    else if (ids.length > MAX_TREND_SKILLS)
      ctx.addIssue({ code: 'custom', message: `at most ${MAX_TREND_SKILLS} skills` })
    const bad = ids.find((id) => !SKILL_ID.test(id))
    if (bad !== undefined) ctx.addIssue({ code: 'custom', message: `unknown skill id '${bad.slice(0, 40)}'` })
    return ids
  })
  .meta({ description: 'comma-separated skill ids (see /api/v1/skills)', example: 'python,go' })

export const TrendsQuery = z
  .object({
    skills: SkillListParam,
    interval: IntervalParam,
    from: dayParam('start'),
    to: dayParam('end'),
    source: SourceParam,
  })
  .refine((q) => !(q.from && q.to && q.from > q.to), { message: 'must not be after to', path: ['from'] })
export type TrendsQuery = z.output<typeof TrendsQuery>

export const TrendPoint = z
  .object({
    period: z.string().meta({ description: 'first day of the period, YYYY-MM-DD' }),
    skill: z.string(),
    ads: z.number().int().meta({ description: 'distinct ads in the period that mention the skill' }),
    total: z.number().int().meta({ description: 'distinct ads in the period' }),
    share: z.number().meta({ description: 'ads / total, 0..1' }),
  })
  .meta({ id: 'TrendPoint' })
export type TrendPoint = z.infer<typeof TrendPoint>

export const TrendsResponse = z
  .object({
    interval: z.enum(INTERVALS),
    from: z.string().nullable(),
    to: z.string().nullable(),
    skills: z.array(z.string()),
    points: z.array(TrendPoint),
  })
  .meta({ id: 'TrendsResponse' })
export type TrendsResponse = z.infer<typeof TrendsResponse>
