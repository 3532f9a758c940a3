// The scrape role: registers the scrape queue's processors.
import { isPermanent } from '@stackradar/core/queue'
import type { ScrapeDeps } from './deps.ts'
import { discoverHnThreads } from './processors/hn-discover.ts'
import { scrapeHnThreadPage } from './processors/hn-thread-page.ts'
import { scrapeBoard } from './processors/board.ts'
import { markThreadFailed } from './processors/hn-store.ts'

export type { ScrapeDeps } from './deps.ts'
export { scrapeBoard, listBoard } from './processors/board.ts'

export function registerScrapeProcessors(deps: ScrapeDeps): void {
  deps.queue.work(
    'scrape',
    async (payload, ctx) => {
      switch (payload.kind) {
        case 'hn-discover':
          await discoverHnThreads(deps)
          return
        case 'hn-thread-page':
          try {
            await scrapeHnThreadPage(deps, payload)
          } catch (err) {
            // The queue gives up after this try: the thread must not stay "pending" for ever. It
            // is marked failed with the reason (status and source health show it) and the
            // scheduler tries it again after a backoff. Permanent errors were marked already.
            if (ctx.final && !isPermanent(err)) {
              const reason = `gave up after ${ctx.attempt} tries: ${(err as Error).message || String(err)}`
              await markThreadFailed(deps, payload, reason)
            }
            throw err
          }
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
