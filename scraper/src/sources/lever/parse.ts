// Lever Postings API (`/v0/postings/{company}?mode=json`) → normalised ads. Pure: no I/O.
// The body is a bare array; Lever sends no company name, so it comes from the config.
import { z } from 'zod'
import { htmlToText } from '@stackradar/core/text'
import { parseJobs } from '../shared/parse-jobs.ts'
import type { NormalizedAd, SalaryPeriod } from '../types.ts'

const LeverPosting = z.object({
  id: z.string().min(1),
  text: z.string().min(1),
  hostedUrl: z.string().min(1),
  createdAt: z.number().nullish(),
  categories: z
    .object({
      commitment: z.string().nullish(),
      department: z.string().nullish(),
      location: z.string().nullish(),
      team: z.string().nullish(),
      allLocations: z.array(z.string()).nullish(),
    })
    .nullish(),
  workplaceType: z.string().nullish(),
  descriptionPlain: z.string().nullish(),
  lists: z.array(z.object({ text: z.string(), content: z.string() })).nullish(),
  additionalPlain: z.string().nullish(),
  salaryRange: z
    .object({
      interval: z.string(),
      currency: z.string(),
      min: z.number().nullish(),
      max: z.number().nullish(),
    })
    .nullish(),
})
type LeverPosting = z.infer<typeof LeverPosting>

const SALARY_INTERVALS: Record<string, SalaryPeriod> = {
  'per-year-salary': 'year',
  'per-month-salary': 'month',
  'per-week-salary': 'week',
  'per-day-salary': 'day',
  'per-hour-salary': 'hour',
}

export function parseLeverPostings(
  body: unknown,
  company: string | null,
): { ads: NormalizedAd[]; warnings: string[] } {
  if (!Array.isArray(body))
    throw new Error(`lever: response is not an array of postings (got ${typeName(body)})`)
  return parseJobs(body, LeverPosting, (posting, raw) => toAd(posting, raw, company), {
    label: 'lever: posting',
  })
}

function toAd(p: LeverPosting, raw: unknown, company: string | null): NormalizedAd {
  const categories = p.categories ?? {}
  const location = categories.allLocations?.length ? categories.allLocations.join('; ') : categories.location
  return {
    sourceId: p.id,
    url: p.hostedUrl,
    title: p.text.trim(),
    company,
    location: location?.trim() || null,
    remote: remoteFromWorkplace(p.workplaceType),
    postedAt: typeof p.createdAt === 'number' ? new Date(p.createdAt) : null,
    text: postingText(p),
    salaryText: null,
    salary: salaryFromRange(p.salaryRange),
    employmentType: categories.commitment ?? null,
    tags: [categories.team, categories.department].filter((t): t is string => !!t),
    raw,
  }
}

/** Lever splits an ad into intro, titled lists of `<li>` items and a closing part. */
function postingText(p: LeverPosting): string {
  const parts = [p.descriptionPlain?.trim()]
  for (const list of p.lists ?? [])
    parts.push(`${list.text.trim()}\n${htmlToText(list.content, { blocks: true })}`)
  parts.push(p.additionalPlain?.trim())
  return parts.filter((s): s is string => !!s).join('\n\n')
}

function remoteFromWorkplace(workplaceType: string | null | undefined): boolean | null {
  if (workplaceType === 'remote') return true
  if (workplaceType === 'hybrid' || workplaceType === 'on-site' || workplaceType === 'onsite') return false
  return null // 'unspecified' or absent
}

function salaryFromRange(range: LeverPosting['salaryRange']): NormalizedAd['salary'] {
  const period = range ? SALARY_INTERVALS[range.interval] : undefined
  if (!range || !period) return null
  const min = range.min ?? range.max
  const max = range.max ?? range.min
  if (min == null || max == null || max <= 0) return null
  return { min, max, currency: range.currency.toUpperCase(), period }
}

function typeName(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value
}
