// GET /api/v1/health: 200 when ClickHouse and the queue answer, 503 otherwise; per source the
// newest ad's age. Never cached.
import { createRoute } from '@hono/zod-openapi'
import { readHealth } from '@stackradar/core/analytics'
import { HealthResponse } from '@stackradar/core/contracts/api'
import type { ApiDeps } from '../deps.ts'
import { createRouter } from '../router.ts'

const route = createRoute({
  method: 'get',
  path: '/api/v1/health',
  summary: 'ClickHouse and queue reachable; newest ad age per source',
  responses: {
    200: { content: { 'application/json': { schema: HealthResponse } }, description: 'all parts answer' },
    503: {
      content: { 'application/json': { schema: HealthResponse } },
      description: 'a part does not answer',
    },
  },
})

export function healthRoutes(deps: ApiDeps) {
  return createRouter().openapi(route, async (c) => {
    const h = await readHealth(deps.ch, deps.queue)
    c.header('Cache-Control', 'no-store')
    return h.ok ? c.json(h, 200) : c.json(h, 503)
  })
}
