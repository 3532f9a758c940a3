// The scrape role: registers the scrape queue's processors (discover a source's units, read one
// page of a unit), the same for every source.
import type { ScrapeDeps } from './deps.ts'
import { discoverUnits } from './processors/discover.ts'
import { readUnitPage } from './processors/unit-page.ts'

export type { ScrapeDeps } from './deps.ts'
export { listBoard } from './processors/board.ts'
export { createSourceHttp } from './source-http.ts'
export { getSourceModule } from './sources/registry.ts'
export { registerCrawlSource } from './sources/registry.ts'
// The HN thread-page parser, for tools that read recorded pages without the pipeline (npm run eval:trends).
export { parseThreadPage } from './sources/hn/index.ts'
export type { CrawlSource, CrawlUnit, CrawledAd, UnitPage } from './sources/types.ts'

export function registerScrapeProcessors(deps: ScrapeDeps): void {
  deps.queue.work(
    'scrape',
    async (payload, ctx) => {
      switch (payload.kind) {
        case 'discover':
          await discoverUnits(deps, payload)
          return
        case 'unit-page':
          await readUnitPage(deps, payload, ctx)
          return
      }
    },
    { concurrency: deps.cfg.SCRAPE_CONCURRENCY },
  )
}
export { FetchError } from './http/fetch-error.ts'
export { createUrlGuard } from './politeness/url-guard.ts'
