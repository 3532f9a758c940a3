// GET /api/v1/ads: why a skill was counted — the newest ads that mention it, the words that
// matched, and each ad's link on its source with the credit the source asks for.
import { z } from 'zod'
import { AppliedFilters, FilterQuery, LIMITS, skillListParam } from './analytics-filters.ts'
import { limitParam } from './common.ts'

export const AdsQuery = FilterQuery.extend({
  skill: z.string().optional().meta({ description: 'one skill id (same as skills=<id>)', example: 'go' }),
  skills: skillListParam(LIMITS.trendSkills, false),
  cursor: z.string().max(400).optional().meta({ description: 'nextCursor of the previous page' }),
  limit: limitParam(LIMITS.pageRows, 20),
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

export const AdHit = AdEvidence.extend({
  workMode: z.string(),
  country: z.string(),
  seniority: z.string(),
  matches: z.array(z.object({ skill: z.string(), words: z.array(z.string()), inferred: z.boolean() })).meta({
    description: 'every skill counted for the ad, with the words that matched (asked skills first)',
  }),
  snippet: z
    .string()
    .meta({ description: 'the text around the first match (plain text: escape before rendering)' }),
  highlights: z
    .array(z.tuple([z.number().int(), z.number().int()]))
    .meta({ description: '[start, end) of each matched word within the snippet' }),
}).meta({ id: 'AdHit' })
export type AdHit = z.infer<typeof AdHit>

export const AdsResponse = z
  .object({
    skill: z.string().nullable().meta({ description: 'the first skill asked (compatibility)' }),
    skills: z.array(z.string()),
    filters: AppliedFilters,
    ads: z.array(AdHit),
    nextCursor: z
      .string()
      .nullable()
      .meta({ description: 'pass as cursor= for the next page; null on the last' }),
  })
  .meta({ id: 'AdsResponse' })
export type AdsResponse = z.infer<typeof AdsResponse>
