// A job board as a crawl source: one unit (the board's listing) read as one page through the
// board module's `list`, which returns every open ad. Its expected count is the listing's size.
import type { CrawlSource, SourceModule } from './types.ts'

export function listingSource<C extends Record<string, unknown>>(module: SourceModule<C>): CrawlSource<C> {
  return {
    kind: module.kind,
    configSchema: module.configSchema,
    defaultBaseUrl: module.defaultBaseUrl,
    listing: true,
    async discover(_config, { target, now }) {
      return [{ key: target, label: target, createdAt: now }]
    },
    async readPage(config, _unit, _page, { baseUrl, http }) {
      // One time budget per host for this listing (a slow-drip site cannot hold the worker for hours).
      const listing = await module.list(config, { baseUrl, http: http.forRun?.() ?? http })
      const ads = [...new Map(listing.ads.map((a) => [a.sourceId, a])).values()]
      return {
        ads: ads.map((ad) => ({ format: 'posting', ad })),
        nextPage: null,
        expected: ads.length,
        warnings: listing.warnings,
      }
    },
    revisitAt(_config, _unit, { now, everyMinutes }) {
      return new Date(now.getTime() + everyMinutes * 60_000)
    },
  }
}
