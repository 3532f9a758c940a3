// Himalayas (himalayas.app/jobs/api): all remote jobs, paged by offset.
import { z } from 'zod'
import { getJson, trimBaseUrl } from '../shared/http.ts'
import type { NormalizedAd, SourceModule } from '../types.ts'
import { parseHimalayasPage } from './parse.ts'

const PAGE_SIZE = 100

const HimalayasConfig = z.object({
  /** Stop after this many pages even if totalCount says there are more (the feed has ~100k jobs). */
  maxPages: z.number().int().positive().optional(),
})
export type HimalayasConfig = z.infer<typeof HimalayasConfig>

export const himalayasSource: SourceModule<HimalayasConfig> = {
  kind: 'himalayas',
  configSchema: HimalayasConfig,
  defaultBaseUrl: 'https://himalayas.app',
  async list(config, { baseUrl, http }) {
    const maxPages = config.maxPages ?? 20
    const base = trimBaseUrl(baseUrl)
    const ads = new Map<string, NormalizedAd>() // jobs can shift between pages while we read
    const warnings: string[] = []
    let offset = 0
    let requests = 0
    while (requests < maxPages) {
      const url = `${base}/jobs/api?limit=${PAGE_SIZE}&offset=${offset}`
      requests++
      const page = parseHimalayasPage(await getJson(http, url, 'himalayas'))
      for (const ad of page.ads) ads.set(ad.sourceId, ad)
      warnings.push(...page.warnings)
      // The server may cap `limit` below what was asked, so advance by what actually came back.
      offset += page.pageSize
      if (page.pageSize === 0 || (page.totalCount !== null && offset >= page.totalCount)) break
    }
    return { ads: [...ads.values()], requests, warnings }
  },
}
