// GET /api/v1/sources: per-source health (ads seen, new, closed, last success, last error, units
// done / failed, expected vs stored, next retry) and queue depth, for Hacker News and every board
// of the sources file, all in one row shape.
import { createRoute } from '@hono/zod-openapi'
import { readSourceStatus } from '@stackradar/core/analytics'
import { SourcesResponse } from '@stackradar/core/contracts/api'
import type { ApiDeps } from '../deps.ts'
import { createRouter, ok } from '../router.ts'

const route = createRoute({
  method: 'get',
  path: '/api/v1/sources',
  summary: 'Per-source health and the scrape queue depth',
  responses: ok(SourcesResponse, 'Hacker News first, then every configured board'),
})

export function sourcesRoutes(deps: ApiDeps) {
  return createRouter().openapi(route, async (c) => {
    const [sources, scrape] = await Promise.all([
      readSourceStatus(deps.ch, [{ id: 'hn', kind: 'hn', enabled: true }, ...deps.sources]),
      deps.queue.counts('scrape'),
    ])
    return c.json(
      {
        sources,
        queue: { scrape: { waiting: scrape.waiting + scrape.delayed, active: scrape.active } },
      },
      200,
    )
  })
}
