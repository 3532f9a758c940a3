// GET /api/v1/ads: why a skill was counted — the newest ads that mention it, the words that
// matched, and each ad's link on its source with the credit the source asks for.
import { z } from 'zod'
import { dayParam, limitParam, SKILL_ID, SourceParam } from './common.ts'

export const AdsQuery = z.object({
  skill: z
    .string({ error: 'required, a skill id such as python' })
    .transform((raw, ctx) => {
      const id = raw.trim().toLowerCase()
      if (!id) ctx.addIssue({ code: 'custom', message: 'required, a skill id such as python' })
      else if (!SKILL_ID.test(id))
        ctx.addIssue({ code: 'custom', message: `unknown skill id '${id.slice(0, 40)}'` })
      return id
    })
    .meta({ description: 'a skill id (see /api/v1/skills)', example: 'go' }),
  from: dayParam('start'),
  to: dayParam('end'),
  source: SourceParam,
  limit: limitParam(200, 20),
})
export type AdsQuery = z.output<typeof AdsQuery>

export const AdEvidence = z
  .object({
    adId: z.string(),
    source: z.string(),
    url: z.string().meta({ description: 'the ad on its source' }),
    title: z.string(),
    company: z.string(),
    postedAt: z.string().meta({ description: 'ISO 8601, UTC' }),
    evidence: z.array(z.string()).meta({ description: 'the words in the ad that matched' }),
    inferred: z.boolean().meta({ description: 'implied by a related skill (Django → Python), not named' }),
    attribution: z.string().nullable().meta({ description: 'credit line the source asks for' }),
  })
  .meta({ id: 'AdEvidence' })
export type AdEvidence = z.infer<typeof AdEvidence>

export const AdsResponse = z
  .object({ skill: z.string(), ads: z.array(AdEvidence) })
  .meta({ id: 'AdsResponse' })
export type AdsResponse = z.infer<typeof AdsResponse>
