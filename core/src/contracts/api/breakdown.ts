// GET /api/v1/breakdown: the share of ads per value of one facet, per period. Browser-safe.
import { z } from 'zod'
import { AppliedFilters, BREAKDOWN_FACETS, FilterQuery, INTERVALS, Period } from './analytics-filters.ts'

export const BreakdownQuery = FilterQuery.extend({
  facet: z.enum(BREAKDOWN_FACETS, { error: `expected one of ${BREAKDOWN_FACETS.join(', ')}` }).meta({
    description: 'the facet whose values are counted',
  }),
  interval: z
    .enum([...INTERVALS, 'all'])
    .optional()
    .meta({ description: "period (default month; 'all' = one period)" }),
})
export type BreakdownQuery = z.output<typeof BreakdownQuery>

export const BreakdownRow = z
  .object({
    period: Period,
    value: z.string().meta({ description: "facet value ('unknown' when not stated)" }),
    ads: z.number().int(),
    total: z.number().int().meta({ description: 'distinct ads in the period' }),
    share: z.number().meta({ description: 'ads / total (industries may add up to more than 1)' }),
  })
  .meta({ id: 'BreakdownRow' })
export type BreakdownRow = z.infer<typeof BreakdownRow>

export const BreakdownResponse = z
  .object({
    filters: AppliedFilters,
    facet: z.enum(BREAKDOWN_FACETS),
    interval: z.enum([...INTERVALS, 'all']),
    rows: z.array(BreakdownRow),
  })
  .meta({ id: 'BreakdownResponse' })
export type BreakdownResponse = z.infer<typeof BreakdownResponse>
