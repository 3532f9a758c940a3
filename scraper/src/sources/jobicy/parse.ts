// Jobicy API (`/api/v2/remote-jobs`) → normalised ads. Pure: no I/O.
// Short text fields (titles, industries) arrive entity-escaped ("Data Science &amp; Analytics").
import { z } from 'zod'
import { decodeHtmlEntities } from '@stackradar/core/text'
import { htmlToText } from '@stackradar/core/text'
import { parseDate } from '../shared/dates.ts'
import { JobsEnvelope, parseEnvelope, parseJobs } from '../shared/parse-jobs.ts'
import type { NormalizedAd, SalaryPeriod } from '../types.ts'

const JobicyJob = z.object({
  id: z.union([z.number(), z.string().min(1)]),
  url: z.string().min(1),
  jobTitle: z.string().min(1),
  companyName: z.string().nullish(),
  jobIndustry: z.array(z.string()).nullish(),
  jobType: z.array(z.string()).nullish(),
  jobGeo: z.string().nullish(),
  jobLevel: z.string().nullish(),
  jobExcerpt: z.string().nullish(),
  jobDescription: z.string().nullish(),
  pubDate: z.string().nullish(),
  salaryMin: z.number().nullish(),
  salaryMax: z.number().nullish(),
  salaryCurrency: z.string().nullish(),
  salaryPeriod: z.string().nullish(),
  // Older API versions: always per year.
  annualSalaryMin: z.number().nullish(),
  annualSalaryMax: z.number().nullish(),
})
type JobicyJob = z.infer<typeof JobicyJob>

const PERIODS: Record<string, SalaryPeriod> = {
  yearly: 'year',
  annual: 'year',
  monthly: 'month',
  weekly: 'week',
  daily: 'day',
  hourly: 'hour',
}

export function parseJobicyJobs(body: unknown): { ads: NormalizedAd[]; warnings: string[] } {
  const { jobs } = parseEnvelope(JobsEnvelope, body, 'jobicy')
  return parseJobs(jobs, JobicyJob, toAd, { label: 'jobicy: job' })
}

function toAd(job: JobicyJob, raw: unknown): NormalizedAd {
  const plain = (s: string | null | undefined) => (s ? decodeHtmlEntities(s).trim() : '')
  const description = job.jobDescription ?? job.jobExcerpt ?? ''
  return {
    sourceId: String(job.id),
    url: job.url,
    title: plain(job.jobTitle),
    company: plain(job.companyName) || null,
    // "EMEA,  LATAM,  Canada" → single spaces.
    location: plain(job.jobGeo).replace(/\s*,\s*/g, ', ') || null,
    remote: true, // a remote-only board; jobGeo is where candidates may live
    postedAt: parseJobicyDate(job.pubDate),
    text: htmlToText(description, { blocks: true }),
    salaryText: null,
    salary: salaryOf(job),
    employmentType: (job.jobType ?? []).map(plain).join(', ') || null,
    tags: (job.jobIndustry ?? []).map(plain).filter(Boolean),
    raw,
  }
}

function salaryOf(job: JobicyJob): NormalizedAd['salary'] {
  const annual = job.salaryMin == null && job.salaryMax == null
  const min = annual ? job.annualSalaryMin : job.salaryMin
  const max = annual ? job.annualSalaryMax : job.salaryMax
  const period = annual ? 'year' : PERIODS[(job.salaryPeriod ?? 'yearly').toLowerCase()]
  const low = min ?? max
  const high = max ?? min
  if (!period || !job.salaryCurrency || low == null || high == null || high <= 0) return null
  return { min: low, max: high, currency: job.salaryCurrency.toUpperCase(), period }
}

/** ISO with zone in v2 ("2026-03-01T10:00:00+00:00"); older responses used "2026-03-01 10:00:00" (UTC). */
function parseJobicyDate(value: string | null | undefined): Date | null {
  if (!value) return null
  return parseDate(value.includes('T') ? value : `${value.replace(' ', 'T')}Z`)
}
