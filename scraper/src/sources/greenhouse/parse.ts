// Greenhouse Job Board API (`/v1/boards/{board}/jobs?content=true`) → normalised ads. Pure: no I/O.
// `content` arrives entity-escaped (`&lt;p&gt;…`): it is unescaped once to get HTML, then made plain text.
import { z } from 'zod'
import { decodeHtmlEntities } from '@stackradar/core/text'
import { htmlToText } from '@stackradar/core/text'
import { parseDate } from '../shared/dates.ts'
import { JobsEnvelope, parseEnvelope, parseJobs } from '../shared/parse-jobs.ts'
import type { NormalizedAd } from '../types.ts'

const GreenhouseJob = z.object({
  id: z.number(),
  title: z.string().min(1),
  absolute_url: z.string().min(1),
  company_name: z.string().nullish(),
  location: z.object({ name: z.string().nullish() }).nullish(),
  updated_at: z.string().nullish(),
  first_published: z.string().nullish(),
  content: z.string().nullish(),
  departments: z.array(z.object({ name: z.string() })).nullish(),
})
type GreenhouseJob = z.infer<typeof GreenhouseJob>

export interface ParseOptions {
  /** Company name from the config; the board's own `company_name` is used when absent. */
  company?: string | undefined
}

export function parseGreenhouseJobs(
  body: unknown,
  opts: ParseOptions = {},
): { ads: NormalizedAd[]; warnings: string[] } {
  const { jobs } = parseEnvelope(JobsEnvelope, body, 'greenhouse')
  return parseJobs(jobs, GreenhouseJob, (job, raw) => toAd(job, raw, opts), { label: 'greenhouse: job' })
}

function toAd(job: GreenhouseJob, raw: unknown, opts: ParseOptions): NormalizedAd {
  const location = job.location?.name?.trim() || null
  return {
    sourceId: String(job.id),
    url: job.absolute_url,
    title: job.title.trim(),
    company: opts.company ?? job.company_name ?? null,
    location,
    // Greenhouse has no remote flag; boards write it into the location name ("Remote, Italy").
    remote: location && /\bremote\b/i.test(location) ? true : null,
    postedAt: parseDate(job.first_published ?? job.updated_at),
    text: job.content ? htmlToText(decodeHtmlEntities(job.content), { blocks: true }) : '',
    salaryText: null,
    salary: null,
    employmentType: null,
    tags: (job.departments ?? []).map((d) => d.name),
    raw,
  }
}
