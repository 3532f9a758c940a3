// Remote OK (remoteok.com/api): one feed of all current remote jobs. Its terms ask for a link back.
import { z } from 'zod'
import { getJson, trimBaseUrl } from '../shared/http.ts'
import type { SourceModule } from '../types.ts'
import { parseRemoteOkJobs } from './parse.ts'

const RemoteOkConfig = z.object({})
export type RemoteOkConfig = z.infer<typeof RemoteOkConfig>

export const remoteOkSource: SourceModule<RemoteOkConfig> = {
  kind: 'remoteok',
  configSchema: RemoteOkConfig,
  defaultBaseUrl: 'https://remoteok.com',
  async list(_config, { baseUrl, http }) {
    const url = `${trimBaseUrl(baseUrl)}/api`
    return { ...parseRemoteOkJobs(await getJson(http, url, 'remoteok')), requests: 1 }
  },
}
