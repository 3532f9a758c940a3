// We Work Remotely: the RSS feed of one category (default: back-end programming).
import { z } from 'zod'
import { getText, trimBaseUrl } from '../shared/http.ts'
import type { SourceModule } from '../types.ts'
import { parseWwrFeed } from './parse.ts'

const WwrConfig = z.object({
  /** Category feed slug, e.g. 'remote-back-end-programming-jobs', 'remote-devops-sysadmin-jobs'. */
  category: z.string().min(1).optional(),
})
export type WwrConfig = z.infer<typeof WwrConfig>

export const weWorkRemotelySource: SourceModule<WwrConfig> = {
  kind: 'weworkremotely',
  configSchema: WwrConfig,
  defaultBaseUrl: 'https://weworkremotely.com',
  async list(config, { baseUrl, http }) {
    const category = encodeURIComponent(config.category ?? 'remote-back-end-programming-jobs')
    const url = `${trimBaseUrl(baseUrl)}/categories/${category}.rss`
    return { ...parseWwrFeed(await getText(http, url, 'weworkremotely')), requests: 1 }
  },
}
