// Lever hosted job sites (api.lever.co): one company slug per configured source.
import { z } from 'zod'
import { getJson, trimBaseUrl } from '../shared/http.ts'
import type { SourceModule } from '../types.ts'
import { parseLeverPostings } from './parse.ts'

const LeverConfig = z.object({
  company: z.string().min(1),
  /** Display name; Lever's payload has none, so the slug is used when this is absent. */
  companyName: z.string().min(1).optional(),
})
export type LeverConfig = z.infer<typeof LeverConfig>

export const leverSource: SourceModule<LeverConfig> = {
  kind: 'lever',
  configSchema: LeverConfig,
  defaultBaseUrl: 'https://api.lever.co',
  async list(config, { baseUrl, http }) {
    const url = `${trimBaseUrl(baseUrl)}/v0/postings/${encodeURIComponent(config.company)}?mode=json`
    const data = await getJson(http, url, 'lever')
    const { ads, warnings } = parseLeverPostings(data, config.companyName ?? config.company)
    return { ads, requests: 1, warnings }
  },
}
