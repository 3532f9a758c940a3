// Remotive (remotive.com/api/remote-jobs): remote jobs of one category (default software-dev).
import { z } from 'zod'
import { getJson, trimBaseUrl } from '../shared/http.ts'
import type { SourceModule } from '../types.ts'
import { parseRemotiveJobs } from './parse.ts'

const RemotiveConfig = z.object({
  /** Remotive category slug, e.g. 'software-dev', 'devops'. */
  category: z.string().min(1).optional(),
})
export type RemotiveConfig = z.infer<typeof RemotiveConfig>

export const remotiveSource: SourceModule<RemotiveConfig> = {
  kind: 'remotive',
  configSchema: RemotiveConfig,
  defaultBaseUrl: 'https://remotive.com',
  async list(config, { baseUrl, http }) {
    const category = encodeURIComponent(config.category ?? 'software-dev')
    const url = `${trimBaseUrl(baseUrl)}/api/remote-jobs?category=${category}`
    return { ...parseRemotiveJobs(await getJson(http, url, 'remotive')), requests: 1 }
  },
}
