// Lever hosted job sites (api.lever.co): one company slug per configured source.
import { z } from 'zod'
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
    const url = `${baseUrl.replace(/\/+$/, '')}/v0/postings/${encodeURIComponent(config.company)}?mode=json`
    const res = await http.json(url)
    if (res.status >= 400) throw new Error(`lever: GET ${url} returned HTTP ${res.status}`)
    const { ads, warnings } = parseLeverPostings(res.data, config.companyName ?? config.company)
    return { ads, requests: 1, warnings }
  },
}
