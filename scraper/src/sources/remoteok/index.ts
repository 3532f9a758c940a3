// Remote OK (remoteok.com/api): one feed of all current remote jobs. Its terms ask for a link back.
import { SOURCE_ATTRIBUTION } from '@stackradar/core/attribution'
import { z } from 'zod'
import type { SourceModule } from '../types.ts'
import { parseRemoteOkJobs } from './parse.ts'

const RemoteOkConfig = z.object({})
export type RemoteOkConfig = z.infer<typeof RemoteOkConfig>

export const remoteOkSource: SourceModule<RemoteOkConfig> = {
  kind: 'remoteok',
  configSchema: RemoteOkConfig,
  defaultBaseUrl: 'https://remoteok.com',
  attribution: SOURCE_ATTRIBUTION.remoteok,
  async list(_config, { baseUrl, http }) {
    const url = `${baseUrl.replace(/\/+$/, '')}/api`
    const res = await http.json(url)
    if (res.status >= 400) throw new Error(`remoteok: GET ${url} returned HTTP ${res.status}`)
    return { ...parseRemoteOkJobs(res.data), requests: 1 }
  },
}
