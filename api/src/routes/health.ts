// GET /api/v1/health: 200 when ClickHouse and the queue answer, 503 otherwise; per source the
// newest ad's age. Never cached.
import { Hono } from 'hono'
import { readHealth } from '@stackradar/core/analytics/health'
import type { ApiDeps } from '../deps.ts'

export function healthRoutes(deps: ApiDeps) {
  return new Hono().get('/', async (c) => {
    const h = await readHealth(deps.ch, deps.queue)
    c.header('Cache-Control', 'no-store')
    return c.json(h, h.ok ? 200 : 503)
  })
}
