// GET /api/v1/coverage: per source and month, ads captured against what the source states, pages
// failed, and whether the month is complete or suspect. Browser-safe (zod only).
import { z } from 'zod'
import { AppliedFilters, FilterQuery } from './analytics-filters.ts'

export const CoverageQuery = FilterQuery
export const CoverageRow = z
  .object({
    source: z.string(),
    period: z.string().meta({ description: 'first day of the month' }),
    ads: z.number().int().meta({ description: 'distinct ads of the source posted in the month' }),
    expected: z
      .number()
      .int()
      .nullable()
      .meta({ description: 'ads the source states for its units; null: not stated' }),
    stored: z.number().int(),
    units: z.number().int(),
    unitsFailed: z.number().int(),
    pagesFailed: z.number().int(),
    complete: z.boolean().meta({ description: 'month ended, no page failed, stored ≥ 95% of expected' }),
    suspect: z.boolean().meta({ description: 'volume under 40% of the median of the six months around it' }),
    neighbourMedian: z.number().nullable(),
  })
  .meta({ id: 'CoverageRow' })
export const CoverageResponse = z
  .object({ filters: AppliedFilters, rows: z.array(CoverageRow) })
  .meta({ id: 'CoverageResponse' })
export type CoverageResponse = z.infer<typeof CoverageResponse>
