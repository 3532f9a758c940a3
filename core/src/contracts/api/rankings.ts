// GET /api/v1/rankings and /api/v1/rising: skills ranked by share in a window against a
// comparison window. Browser-safe (zod only).
import { z } from 'zod'
import { FilterQuery, AppliedFilters, intParam, LIMITS, SkillLabel } from './analytics-filters.ts'

export const RANKING_SORTS = [
  'rank',
  'share',
  'previous_share',
  'change',
  'relative_change',
  'p',
  'ads',
  'name',
] as const
export type RankingSort = (typeof RANKING_SORTS)[number]

export const RankingsQuery = FilterQuery.extend({
  compare_from: z.string().optional().meta({
    description: 'first month/day of the comparison window (default: as long as from..to, right before it)',
  }),
  compare_to: z.string().optional().meta({ description: 'last month/day of the comparison window' }),
  min_count: intParam(1, 100_000, 20, 'ads a skill needs in the window to be ranked'),
  sort: z.enum(RANKING_SORTS).optional().meta({ description: 'column to sort by' }),
  order: z.enum(['asc', 'desc']).optional(),
  limit: intParam(1, LIMITS.pageRows, 100, 'ranked rows returned'),
})
export type RankingsQuery = z.output<typeof RankingsQuery>

export const RankingWindow = z.object({ from: z.string(), to: z.string(), total: z.number().int() })
export type RankingWindow = z.infer<typeof RankingWindow>

export const RankedSkill = SkillLabel.extend({
  ads: z.number().int().meta({ description: 'distinct ads in the window that mention the skill' }),
  share: z.number().meta({ description: 'ads / window total, 0..1' }),
  rank: z.number().int().nullable().meta({ description: 'null when under min_count (listed apart)' }),
  previousAds: z.number().int(),
  previousShare: z
    .number()
    .nullable()
    .meta({ description: 'previousAds / compare window total, 0..1; null when that window holds no ads' }),
  previousRank: z.number().int().nullable(),
  rankChange: z.number().int().nullable().meta({ description: 'previous rank − rank: positive = climbed' }),
  changePoints: z.number().nullable().meta({
    description:
      'share change in percentage points; null when either window holds no ads (nothing to compare)',
  }),
  relativeChange: z
    .number()
    .nullable()
    .meta({ description: 'share / previous share − 1; null when either is unknown or the previous is 0' }),
  z: z.number().nullable(),
  p: z.number().nullable().meta({ description: 'two-sided p of the two-proportion z-test' }),
}).meta({ id: 'RankedSkill' })
export type RankedSkill = z.infer<typeof RankedSkill>

export const RankingsResponse = z
  .object({
    filters: AppliedFilters,
    window: RankingWindow,
    compareWindow: RankingWindow,
    minCount: z.number().int(),
    sort: z.enum(RANKING_SORTS),
    order: z.enum(['asc', 'desc']),
    ranked: z.array(RankedSkill),
    belowMinimum: z.array(RankedSkill).meta({ description: 'skills under min_count: shown, never ranked' }),
  })
  .meta({ id: 'RankingsResponse' })
export type RankingsResponse = z.infer<typeof RankingsResponse>
