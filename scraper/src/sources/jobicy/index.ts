// Jobicy (jobicy.com/api/v2/remote-jobs): remote jobs by tag. Its terms ask for a credit with a link.
import { z } from 'zod'
import { getJson, trimBaseUrl } from '../shared/http.ts'
import type { SourceModule } from '../types.ts'
import { parseJobicyJobs } from './parse.ts'

const JobicyConfig = z.object({
  /** Search tag (default 'backend'). */
  tag: z.string().min(1).optional(),
  /** Jobs to ask for, 1–100 (default 50). */
  count: z.number().int().min(1).max(100).optional(),
})
export type JobicyConfig = z.infer<typeof JobicyConfig>

export const jobicySource: SourceModule<JobicyConfig> = {
  kind: 'jobicy',
  configSchema: JobicyConfig,
  defaultBaseUrl: 'https://jobicy.com',
  async list(config, { baseUrl, http }) {
    const query = new URLSearchParams({ count: String(config.count ?? 50), tag: config.tag ?? 'backend' })
    const url = `${trimBaseUrl(baseUrl)}/api/v2/remote-jobs?${query}`
    return { ...parseJobicyJobs(await getJson(http, url, 'jobicy')), requests: 1 }
  },
}
