// The validation loop every JSON board parser runs: check the response envelope (a wrong shape throws),
// then check each job on its own so one malformed job is skipped with a warning instead of failing all.
import { z } from 'zod'
import type { NormalizedAd } from '../types.ts'
import { describeIssues } from './zod-issues.ts'

/** The `{ jobs: [...] }` envelope most boards send; the jobs are validated one by one. */
export const JobsEnvelope = z.object({ jobs: z.array(z.unknown()) })

/** The body checked against the board's envelope schema; throws `<source>: response is not { jobs: [...] }`. */
export function parseEnvelope<E>(schema: z.ZodType<E>, body: unknown, source: string): E {
  const envelope = schema.safeParse(body)
  if (!envelope.success)
    throw new Error(`${source}: response is not { jobs: [...] }: ${describeIssues(envelope.error)}`)
  return envelope.data
}

export interface ParseJobsOptions {
  /** Start of the warning for a skipped item, e.g. 'greenhouse: job' → "greenhouse: job #3 skipped: …". */
  label: string
  /** Items that are not jobs at all (RemoteOK's legal notice): passed over without a warning. */
  ignore?: (item: unknown) => boolean
}

/**
 * Each item validated with `jobSchema` and mapped by `toAd` (which may return null to leave a valid job
 * out, e.g. an unlisted one); invalid items become warnings. Indexes in warnings are those of `items`.
 */
export function parseJobs<J>(
  items: readonly unknown[],
  jobSchema: z.ZodType<J>,
  toAd: (job: J, raw: unknown) => NormalizedAd | null,
  opts: ParseJobsOptions,
): { ads: NormalizedAd[]; warnings: string[] } {
  const ads: NormalizedAd[] = []
  const warnings: string[] = []
  items.forEach((item, index) => {
    if (opts.ignore?.(item)) return
    const job = jobSchema.safeParse(item)
    if (!job.success) {
      warnings.push(`${opts.label} #${index} skipped: ${describeIssues(job.error)}`)
      return
    }
    const ad = toAd(job.data, item)
    if (ad) ads.push(ad)
  })
  return { ads, warnings }
}
