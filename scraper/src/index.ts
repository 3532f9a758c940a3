// The scrape role: registers the scrape queue's processors.
import type { ScrapeDeps } from './deps.ts'
import { discoverHnThreads } from './processors/hn-discover.ts'
import { scrapeHnThreadPage } from './processors/hn-thread-page.ts'
import { scrapeBoard } from './processors/board.ts'

export type { ScrapeDeps } from './deps.ts'
export { scrapeBoard, listBoard } from './processors/board.ts'

export function registerScrapeProcessors(deps: ScrapeDeps): void {
  deps.queue.work(
    'scrape',
    async (payload) => {
      switch (payload.kind) {
        case 'hn-discover':
          await discoverHnThreads(deps)
          return
        case 'hn-thread-page':
          await scrapeHnThreadPage(deps, payload)
          return
        case 'board':
          await scrapeBoard(deps, payload.sourceKey)
          return
      }
    },
    { concurrency: deps.cfg.SCRAPE_CONCURRENCY },
  )
}
export { createSourceHttp } from './source-http.ts'
export { getSourceModule } from './sources/registry.ts'
