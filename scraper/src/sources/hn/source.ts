// Hacker News "Ask HN: Who is hiring?" as a crawl source: its units are the monthly threads
// (found through the Algolia story search), each read page by page from its HTML (or in one
// request through the Algolia items API with reader 'algolia').
import { z } from 'zod'
import type { CrawlSource, CrawledAd, UnitPage } from '../types.ts'
import { buildAlgoliaStorySearchUrl, parseAlgoliaItem, parseAlgoliaStorySearch } from './algolia.ts'
import { hnItemUrl, trimSlash } from './hn-urls.ts'
import { PageRefusedError, parseThreadPageOffThread } from '../../page-parse/index.ts'
import { looksLikeHnItemPage } from './parse-thread-page.ts'
import type { HnAd, HnThreadRef } from './types.ts'

const MAX_SEARCH_PAGES = 50

const HnConfig = z.object({
  /** Item pages (the target's baseUrl is the Algolia API). */
  webUrl: z.url(),
  /** Backfill depth in months, unless `since` names the first month. */
  months: z.number().int().min(1),
  since: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .optional(),
  /** Threads younger than this are read again for new comments. */
  rescanDays: z.number().int().min(0),
  rescanEveryMinutes: z.number().int().min(1),
  reader: z.enum(['html', 'algolia']).default('html'),
})
export type HnConfig = z.infer<typeof HnConfig>

/** First day (UTC) of the first month to cover. */
function backfillStart(cfg: HnConfig, now: Date): Date {
  if (cfg.since) return new Date(`${cfg.since}-01T00:00:00Z`)
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (cfg.months - 1), 1))
}

function toCrawled(webUrl: string, ads: HnAd[]): CrawledAd[] {
  return ads.map((ad) => ({
    format: 'html',
    sourceId: ad.sourceId,
    url: hnItemUrl(webUrl, ad.sourceId),
    html: ad.html,
    postedAt: ad.postedAt,
    dateSource: ad.dateSource,
  }))
}

export const hnSource: CrawlSource<HnConfig> = {
  kind: 'hn',
  configSchema: HnConfig,
  defaultBaseUrl: 'https://hn.algolia.com',
  listing: false,

  async discover(config, { baseUrl, http, now }) {
    const since = backfillStart(config, now)
    const threads = new Map<string, HnThreadRef>()
    for (let page = 0; page < MAX_SEARCH_PAGES; page++) {
      const url = buildAlgoliaStorySearchUrl(baseUrl, { sinceUnix: Math.floor(since.getTime() / 1000), page })
      const parsed = parseAlgoliaStorySearch((await http.json(url)).data)
      for (const t of parsed.threads) if (t.createdAt >= since) threads.set(t.id, t)
      if (page + 1 >= parsed.nbPages) break
    }
    return [...threads.values()]
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map((t) => ({ key: t.id, label: t.month, createdAt: t.createdAt }))
  },

  async readPage(config, unit, page, { baseUrl, http }): Promise<UnitPage> {
    if (config.reader === 'algolia') {
      const url = `${trimSlash(baseUrl)}/api/v1/items/${encodeURIComponent(unit.key)}`
      const thread = parseAlgoliaItem((await http.json(url)).data)
      return {
        ads: toCrawled(config.webUrl, thread.ads),
        nextPage: null,
        expected: thread.ads.length,
        warnings: [],
      }
    }
    const url = hnItemUrl(config.webUrl, unit.key, page)
    const html = (await http.text(url)).body
    if (!looksLikeHnItemPage(html)) {
      // An error or rate-limit page served with 200: worth retrying later; nothing stored is touched.
      throw new Error(`unexpected markup at ${url}: not a Hacker News item page (${html.length} bytes)`)
    }
    // Off the main thread, in a worker with a deadline and a memory limit (a hostile page cannot
    // starve the API or other jobs); a page over a parse limit is refused with the reason.
    const parsed = await parseThreadPageOffThread(html, {
      threadId: unit.key,
      threadCreatedAt: unit.createdAt,
      pageUrl: url,
    })
    if (parsed.refused !== null) throw new PageRefusedError(`${url}: ${parsed.refused}`)
    return {
      ads: toCrawled(config.webUrl, parsed.ads),
      // An empty page ends the thread even if it links further (HN's "More" past the end).
      nextPage: parsed.nextPageUrl && parsed.ads.length > 0 ? page + 1 : null,
      expected: parsed.ads.length,
      warnings: parsed.warnings,
    }
  },

  revisitAt(config, unit, { now }) {
    const young = unit.createdAt.getTime() > now.getTime() - config.rescanDays * 86_400_000
    return young ? new Date(now.getTime() + config.rescanEveryMinutes * 60_000) : null
  },
}
