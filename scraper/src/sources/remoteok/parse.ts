// Remote OK API (`/api`) → normalised ads. Pure: no I/O.
// The body is an array whose element 0 is the legal notice ({ last_updated, legal }), not a job.
// salary_min / salary_max are USD per year; 0 means "not given".
import { z } from 'zod'
import { htmlToText } from '@stackradar/core/text'
import { parseDate } from '../shared/dates.ts'
import { parseJobs } from '../shared/parse-jobs.ts'
import type { NormalizedAd } from '../types.ts'

const RemoteOkJob = z.object({
  id: z.union([z.string().min(1), z.number()]),
  slug: z.string().nullish(),
  epoch: z.number().nullish(),
  date: z.string().nullish(),
  company: z.string().nullish(),
  position: z.string().min(1),
  tags: z.array(z.string()).nullish(),
  description: z.string().nullish(),
  location: z.string().nullish(),
  salary_min: z.number().nullish(),
  salary_max: z.number().nullish(),
  url: z.string().nullish(),
})
type RemoteOkJob = z.infer<typeof RemoteOkJob>

const SITE = 'https://remoteok.com'

export function parseRemoteOkJobs(body: unknown): { ads: NormalizedAd[]; warnings: string[] } {
  if (!Array.isArray(body))
    throw new Error(`remoteok: response is not an array (got ${body === null ? 'null' : typeof body})`)
  return parseJobs(body, RemoteOkJob, toAd, { label: 'remoteok: job', ignore: isLegalNotice })
}

function isLegalNotice(item: unknown): boolean {
  return typeof item === 'object' && item !== null && 'legal' in item && !('position' in item)
}

function toAd(job: RemoteOkJob, raw: unknown): NormalizedAd {
  const id = String(job.id)
  return {
    sourceId: id,
    url: job.url || `${SITE}/remote-jobs/${job.slug ?? id}`,
    title: job.position.trim(),
    company: job.company?.trim() || null,
    // Some locations are half-filled ("Orlando, "): trim the dangling separator.
    location: job.location?.replace(/[\s,]+$/, '').trim() || null,
    remote: true, // a remote-only board
    postedAt: parseDate(job.date) ?? (job.epoch ? new Date(job.epoch * 1000) : null),
    text: job.description ? htmlToText(job.description, { blocks: true }) : '',
    salaryText: null,
    salary: salaryOf(job.salary_min ?? 0, job.salary_max ?? 0),
    employmentType: null,
    tags: job.tags ?? [],
    raw,
  }
}

function salaryOf(min: number, max: number): NormalizedAd['salary'] {
  if (min <= 0 && max <= 0) return null
  return { min: min > 0 ? min : max, max: max > 0 ? max : min, currency: 'USD', period: 'year' }
}
