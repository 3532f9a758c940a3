// Remotive API (`/api/remote-jobs`) → normalised ads. Pure: no I/O.
// `salary` is free text ("$55k - $100k", "Competitive") and goes to salaryText for the salary extractor.
import { z } from 'zod'
import { htmlToText } from '@stackradar/core/text'
import { parseDate } from '../shared/dates.ts'
import { JobsEnvelope, parseEnvelope, parseJobs } from '../shared/parse-jobs.ts'
import type { NormalizedAd } from '../types.ts'

const RemotiveJob = z.object({
  id: z.number(),
  url: z.string().min(1),
  title: z.string().min(1),
  company_name: z.string().nullish(),
  category: z.string().nullish(),
  tags: z.array(z.string()).nullish(),
  job_type: z.string().nullish(),
  publication_date: z.string().nullish(),
  candidate_required_location: z.string().nullish(),
  salary: z.string().nullish(),
  description: z.string().nullish(),
})
type RemotiveJob = z.infer<typeof RemotiveJob>

export function parseRemotiveJobs(body: unknown): { ads: NormalizedAd[]; warnings: string[] } {
  const { jobs } = parseEnvelope(JobsEnvelope, body, 'remotive')
  return parseJobs(jobs, RemotiveJob, toAd, { label: 'remotive: job' })
}

function toAd(job: RemotiveJob, raw: unknown): NormalizedAd {
  return {
    sourceId: String(job.id),
    url: job.url,
    title: job.title.trim(),
    company: job.company_name?.trim() || null,
    location: job.candidate_required_location?.trim() || null,
    remote: true, // a remote-only board; the location is where candidates may live
    postedAt: parseRemotiveDate(job.publication_date),
    text: job.description ? htmlToText(job.description, { blocks: true }) : '',
    salaryText: job.salary?.trim() || null,
    salary: null,
    employmentType: job.job_type || null,
    tags: job.tags ?? [],
    raw,
  }
}

/** Remotive dates have no zone ("2026-07-09T08:01:56"); they are read as UTC so the result does not
 * depend on the machine's time zone. */
function parseRemotiveDate(value: string | null | undefined): Date | null {
  if (!value) return null
  return parseDate(/(?:Z|[+-]\d\d:?\d\d)$/.test(value) ? value : `${value}Z`)
}
