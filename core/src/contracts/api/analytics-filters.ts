// The one filter set every analytics endpoint accepts and echoes back, its allowed enum values and
// the request limits. Browser-safe (zod only): the dashboard imports these for its pickers.
import { z } from 'zod'
import { INTERVALS } from './common.ts'

export { INTERVALS }

export const SENIORITIES = ['intern', 'junior', 'mid', 'senior', 'lead', 'principal', 'unknown'] as const
export const WORK_MODES = ['remote', 'hybrid', 'onsite', 'unknown'] as const
export const EMPLOYMENT_TYPES = ['permanent', 'contract', 'internship', 'unknown'] as const
export const ROLE_FAMILIES = [
  'backend',
  'fullstack',
  'devops',
  'data',
  'frontend',
  'mobile',
  'other',
] as const
export const BREAKDOWN_FACETS = [
  'work_mode',
  'country',
  'region',
  'industry',
  'seniority',
  'role_family',
  'employment_type',
] as const

/** World regions as groups of ISO 3166-1 alpha-2 countries (the extractor's country facet). */
export const REGIONS: Record<string, readonly string[]> = {
  'north-america': ['US', 'CA', 'MX'],
  'south-america': ['AR', 'BR', 'CL', 'CO'],
  europe: [
    ...['GB', 'IE', 'DE', 'FR', 'NL', 'BE', 'LU', 'CH', 'AT', 'ES', 'PT', 'IT', 'GR', 'DK', 'SE', 'NO'],
    ...['FI', 'IS', 'PL', 'CZ', 'HU', 'RO', 'BG', 'HR', 'RS', 'EE', 'LV', 'LT', 'UA', 'TR'],
  ],
  'middle-east-africa': ['IL', 'AE', 'EG', 'ZA', 'NG', 'KE'],
  asia: ['IN', 'CN', 'HK', 'TW', 'JP', 'KR', 'SG', 'MY', 'TH', 'VN', 'PH', 'ID', 'MM'],
  oceania: ['AU', 'NZ'],
}

export const LIMITS = {
  /** Skills (or categories) in one trends request. */
  trendSkills: 20,
  /** Longest date range of any request, in years. */
  rangeYears: 20,
  /** Rows per page (ads search, ranked lists). */
  pageRows: 200,
} as const

const list = (what: string) =>
  z.string().optional().describe(`${what}; comma-separated for several (any of them matches)`)

/** Query parameters of the filter set, as they arrive (strings); the server validates values. */
export const FilterQuery = z.object({
  from: z
    .string()
    .optional()
    .describe(`first month or day (YYYY-MM or YYYY-MM-DD); with to at most ${LIMITS.rangeYears} years`),
  to: z.string().optional().describe('last month or day (YYYY-MM or YYYY-MM-DD), inclusive'),
  source: list('source id (hn, a board id of the sources file)'),
  category: list('skill category (language, database, cloud, …): restricts the skills listed'),
  country: list('ISO 3166-1 alpha-2 country code of the job'),
  region: list(`world region: ${Object.keys(REGIONS).join(', ')}`),
  work_mode: list(WORK_MODES.join(', ')),
  seniority: list(SENIORITIES.join(', ')),
  industry: list('industry tag (fintech, healthtech, e-commerce, …)'),
  role_family: list(ROLE_FAMILIES.join(', ')),
  employment_type: list(EMPLOYMENT_TYPES.join(', ')),
  format: z.enum(['json', 'csv']).optional().describe('csv: the same rows as CSV (or send Accept: text/csv)'),
})
export type FilterQuery = z.infer<typeof FilterQuery>

/** The filters as applied, echoed in every analytics response. */
export const AppliedFilters = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  source: z.array(z.string()),
  category: z.array(z.string()),
  country: z.array(z.string()),
  region: z.array(z.string()),
  work_mode: z.array(z.string()),
  seniority: z.array(z.string()),
  industry: z.array(z.string()),
  role_family: z.array(z.string()),
  employment_type: z.array(z.string()),
})
export type AppliedFilters = z.infer<typeof AppliedFilters>
export const FILTER_LISTS = [
  'source',
  'category',
  'country',
  'region',
  'work_mode',
  'seniority',
  'industry',
  'role_family',
  'employment_type',
] as const satisfies readonly (keyof AppliedFilters)[]

/** An integer query parameter: digits only, from min to max, with a default. */
export function intParam(min: number, max: number, fallback: number, description: string) {
  const message = `an integer from ${min} to ${max}`
  return z
    .string()
    .regex(/^\d{1,7}$/, message)
    .transform(Number)
    .pipe(z.number().int().min(min, message).max(max, message))
    .optional()
    .transform((n) => n ?? fallback)
    .meta({ description: `${description} (${min} to ${max}, default ${fallback})` })
}

/** `?skills=python,go`: skill ids, trimmed, lowercased, de-duplicated, at most `max`. */
export function skillListParam(max: number, required: boolean) {
  const missing = 'required, a comma-separated list of skill ids such as python,go'
  return z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const ids = [
        ...new Set(
          (raw ?? '')
            .split(',')
            .map((s) => s.trim().toLowerCase())
            .filter(Boolean),
        ),
      ]
      if (required && ids.length === 0) ctx.addIssue({ code: 'custom', message: missing })
      if (ids.length > max) ctx.addIssue({ code: 'custom', message: `at most ${max} skills` })
      return ids
    })
    .meta({ description: `comma-separated skill ids (at most ${max})`, example: 'python,go' })
}

/** A skill as listed in analytics answers: id, human name, category id and label. */
export const SkillLabel = z.object({
  skill: z.string().meta({ description: 'skill id' }),
  name: z.string().meta({ description: 'human name' }),
  category: z.string(),
  categoryLabel: z.string(),
})

/** A period of a series: its first day, or 'all' for one cell over the whole range. */
export const Period = z.string().meta({ description: "first day of the period (YYYY-MM-DD), or 'all'" })
