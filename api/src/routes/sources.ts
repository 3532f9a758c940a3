// GET /api/v1/sources: per-source health (ads seen, new, closed, last success, last error, units
// done / failed, expected vs stored) and queue depth, for Hacker News and every board of the
// sources file, all in one row shape.
import { Hono } from 'hono'
import { readSourceStatus } from '@stackradar/core/analytics/sources'
import type { ApiDeps } from '../deps.ts'

export function sourcesRoutes(deps: ApiDeps) {
  return new Hono().get('/', async (c) => {
    const [sources, scrape] = await Promise.all([
      readSourceStatus(deps.ch, [{ id: 'hn', kind: 'hn', enabled: true }, ...deps.sources]),
      deps.queue.counts('scrape'),
    ])
    return c.json({
      sources,
      queue: { scrape: { waiting: scrape.waiting + scrape.delayed, active: scrape.active } },
    })
  })
}
