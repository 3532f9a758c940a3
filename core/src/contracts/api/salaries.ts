// GET /api/v1/salaries: annualised salary percentiles per group × period, permanent and contract
// apart, small cells withheld; the premium of a skill. Browser-safe (zod only).
import { z } from 'zod'
import {
  AppliedFilters,
  FilterQuery,
  INTERVALS,
  intParam,
  LIMITS,
  Period,
  skillListParam,
} from './analytics-filters.ts'

export const SALARY_GROUPS = ['none', 'skill', 'seniority', 'country', 'work_mode'] as const
export type SalaryGroup = (typeof SALARY_GROUPS)[number]
export const EMPLOYMENTS = ['permanent', 'contract'] as const

export const SalariesQuery = FilterQuery.extend({
  by: z
    .enum(SALARY_GROUPS)
    .optional()
    .meta({ description: 'group rows by (default: skill when skills given, else none)' }),
  skills: skillListParam(LIMITS.trendSkills, false),
  interval: z
    .enum([...INTERVALS, 'all'])
    .optional()
    .meta({ description: "period of each cell (default year; 'all' = whole range)" }),
  currency: z
    .string()
    .optional()
    .meta({ description: 'ISO 4217 code of the answer (default USD; see rates)' }),
  min_n: intParam(1, 10_000, 10, 'smallest sample shown; smaller cells are withheld'),
})
export type SalariesQuery = z.output<typeof SalariesQuery>

export const SalaryCell = z
  .object({
    period: Period,
    group: z.string(),
    employment: z.enum(EMPLOYMENTS),
    n: z.number().int().meta({ description: 'distinct ads with a salary' }),
    withheld: z.boolean().meta({ description: 'n below min_n: percentiles not shown' }),
    p10: z.number().nullable(),
    p25: z.number().nullable(),
    median: z.number().nullable(),
    p75: z.number().nullable(),
    p90: z.number().nullable(),
  })
  .meta({ id: 'SalaryCell' })
export type SalaryCell = z.infer<typeof SalaryCell>

export const SalaryPremium = z
  .object({
    skill: z.string(),
    employment: z.enum(EMPLOYMENTS),
    nWith: z.number().int(),
    nWithout: z.number().int(),
    medianWith: z.number().nullable(),
    medianWithout: z.number().nullable(),
    premium: z.number().nullable().meta({ description: 'median with − median without' }),
    premiumRelative: z.number().nullable(),
  })
  .meta({ id: 'SalaryPremium' })
export type SalaryPremium = z.infer<typeof SalaryPremium>

export const SalaryRates = z.object({
  date: z.string().meta({ description: 'date the static rates table was entered' }),
  source: z.string(),
  perUsd: z.number().meta({ description: 'units of the currency per 1 USD' }),
})

export const SalariesBody = z.object({
  currency: z.string(),
  rates: SalaryRates,
  minN: z.number().int(),
  cells: z.array(SalaryCell),
  premium: z.array(SalaryPremium),
})
export type SalariesBody = z.infer<typeof SalariesBody>

export const SalariesResponse = SalariesBody.extend({
  filters: AppliedFilters,
  by: z.enum(SALARY_GROUPS),
  interval: z.enum([...INTERVALS, 'all']),
}).meta({ id: 'SalariesResponse' })
export type SalariesResponse = z.infer<typeof SalariesResponse>
