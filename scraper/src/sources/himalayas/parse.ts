// Himalayas jobs API (`/jobs/api?limit=&offset=`), one page → normalised ads. Pure: no I/O.
import { z } from 'zod'
import { htmlToText } from '@stackradar/core/text'
import { parseEnvelope, parseJobs } from '../shared/parse-jobs.ts'
import type { NormalizedAd, SalaryPeriod } from '../types.ts'

const HimalayasJob = z.object({
  title: z.string().min(1),
  guid: z.string().min(1),
  applicationLink: z.string().nullish(),
  companyName: z.string().nullish(),
  employmentType: z.string().nullish(),
  minSalary: z.number().nullish(),
  maxSalary: z.number().nullish(),
  currency: z.string().nullish(),
  salaryPeriod: z.string().nullish(),
  seniority: z.array(z.string()).nullish(),
  locationRestrictions: z.array(z.string()).nullish(),
  categories: z.array(z.string()).nullish(),
  description: z.string().nullish(),
  excerpt: z.string().nullish(),
  pubDate: z.number().nullish(),
})
type HimalayasJob = z.infer<typeof HimalayasJob>

const HimalayasPage = z.object({ totalCount: z.number().nullish(), jobs: z.array(z.unknown()) })

const PERIODS: Record<string, SalaryPeriod> = {
  annual: 'year',
  yearly: 'year',
  monthly: 'month',
  weekly: 'week',
  daily: 'day',
  hourly: 'hour',
}

export interface HimalayasPageResult {
  ads: NormalizedAd[]
  warnings: string[]
  /** Jobs on the page before validation, to advance the offset. */
  pageSize: number
  totalCount: number | null
}

export function parseHimalayasPage(body: unknown): HimalayasPageResult {
  const page = parseEnvelope(HimalayasPage, body, 'himalayas')
  const { ads, warnings } = parseJobs(page.jobs, HimalayasJob, toAd, { label: 'himalayas: job' })
  return { ads, warnings, pageSize: page.jobs.length, totalCount: page.totalCount ?? null }
}

function toAd(job: HimalayasJob, raw: unknown): NormalizedAd {
  const locations = job.locationRestrictions ?? []
  return {
    sourceId: job.guid,
    url: job.guid.startsWith('http') ? job.guid : (job.applicationLink ?? job.guid),
    title: job.title.trim(),
    company: job.companyName?.trim() || null,
    // No restriction means worldwide; left null rather than inventing a place.
    location: locations.length ? locations.join(', ') : null,
    remote: true, // a remote-only board
    postedAt: typeof job.pubDate === 'number' ? new Date(job.pubDate * 1000) : null,
    text: job.description ? htmlToText(job.description, { blocks: true }) : (job.excerpt ?? '').trim(),
    salaryText: null,
    salary: salaryOf(job),
    employmentType: job.employmentType ?? null,
    tags: job.categories ?? [],
    raw,
  }
}

function salaryOf(job: HimalayasJob): NormalizedAd['salary'] {
  const period = job.salaryPeriod ? PERIODS[job.salaryPeriod.toLowerCase()] : undefined
  const min = job.minSalary ?? job.maxSalary
  const max = job.maxSalary ?? job.minSalary
  if (!period || !job.currency || min == null || max == null || max <= 0) return null
  return { min, max, currency: job.currency.toUpperCase(), period }
}
