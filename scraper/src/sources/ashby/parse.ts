// Ashby Posting API (`/posting-api/job-board/{board}?includeCompensation=true`) → normalised ads. Pure.
import { z } from 'zod'
import { htmlToText } from '@stackradar/core/text'
import { parseDate } from '../shared/dates.ts'
import { JobsEnvelope, parseEnvelope, parseJobs } from '../shared/parse-jobs.ts'
import type { NormalizedAd, SalaryPeriod } from '../types.ts'

const SummaryComponent = z.object({
  compensationType: z.string().nullish(),
  interval: z.string().nullish(),
  currencyCode: z.string().nullish(),
  minValue: z.number().nullish(),
  maxValue: z.number().nullish(),
})

const AshbyJob = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  jobUrl: z.string().min(1),
  department: z.string().nullish(),
  team: z.string().nullish(),
  employmentType: z.string().nullish(),
  location: z.string().nullish(),
  secondaryLocations: z.array(z.object({ location: z.string().nullish() }).or(z.string())).nullish(),
  publishedAt: z.string().nullish(),
  isListed: z.boolean().nullish(),
  isRemote: z.boolean().nullish(),
  workplaceType: z.string().nullish(),
  descriptionHtml: z.string().nullish(),
  descriptionPlain: z.string().nullish(),
  compensation: z
    .object({
      compensationTierSummary: z.string().nullish(),
      scrapeableCompensationSalarySummary: z.string().nullish(),
      summaryComponents: z.array(SummaryComponent).nullish(),
    })
    .nullish(),
})
type AshbyJob = z.infer<typeof AshbyJob>

// Ashby writes intervals as ISO-like durations: '1 YEAR', '1 MONTH', '1 HOUR'.
const INTERVALS: Record<string, SalaryPeriod> = {
  '1 YEAR': 'year',
  '1 MONTH': 'month',
  '1 WEEK': 'week',
  '1 DAY': 'day',
  '1 HOUR': 'hour',
}

export function parseAshbyJobBoard(
  body: unknown,
  company: string | null,
): { ads: NormalizedAd[]; warnings: string[] } {
  const { jobs } = parseEnvelope(JobsEnvelope, body, 'ashby')
  return parseJobs(
    jobs,
    AshbyJob,
    // Unlisted jobs are reachable by link only; they are not public ads of the board.
    (job, raw) => (job.isListed !== false ? toAd(job, raw, company) : null),
    { label: 'ashby: job' },
  )
}

function toAd(job: AshbyJob, raw: unknown, company: string | null): NormalizedAd {
  const secondary = (job.secondaryLocations ?? []).map((l) => (typeof l === 'string' ? l : l.location))
  const locations = [job.location, ...secondary].filter((l): l is string => !!l?.trim())
  const compensation = job.compensation
  return {
    sourceId: job.id,
    url: job.jobUrl,
    title: job.title.trim(),
    company,
    location: locations.length ? locations.join('; ') : null,
    remote: remoteOf(job),
    postedAt: parseDate(job.publishedAt),
    text: job.descriptionHtml
      ? htmlToText(job.descriptionHtml, { blocks: true })
      : (job.descriptionPlain ?? '').trim(),
    salaryText:
      compensation?.compensationTierSummary ?? compensation?.scrapeableCompensationSalarySummary ?? null,
    salary: salaryOf(compensation?.summaryComponents ?? []),
    employmentType: job.employmentType ?? null,
    tags: [job.department, job.team].filter((t): t is string => !!t),
    raw,
  }
}

function remoteOf(job: AshbyJob): boolean | null {
  const workplace = job.workplaceType?.toLowerCase()
  if (workplace === 'remote') return true
  if (workplace === 'hybrid' || workplace === 'onsite' || workplace === 'on-site') return false
  return job.isRemote ?? null
}

function salaryOf(components: z.infer<typeof SummaryComponent>[]): NormalizedAd['salary'] {
  for (const c of components) {
    const period = c.interval ? INTERVALS[c.interval.toUpperCase()] : undefined
    if (c.compensationType !== 'Salary' || !period || !c.currencyCode) continue
    const min = c.minValue ?? c.maxValue
    const max = c.maxValue ?? c.minValue
    if (min == null || max == null || max <= 0) continue
    return { min, max, currency: c.currencyCode.toUpperCase(), period }
  }
  return null
}
