// Remotive (remotive.com/api/remote-jobs): remote jobs of one category (default software-dev).
import { z } from 'zod'
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
    const url = `${baseUrl.replace(/\/+$/, '')}/api/remote-jobs?category=${category}`
    const res = await http.json(url)
    if (res.status >= 400) throw new Error(`remotive: GET ${url} returned HTTP ${res.status}`)
    return { ...parseRemotiveJobs(res.data), requests: 1 }
  },
}
