// GET /healthz (liveness for probes and humans): 200 when ClickHouse and the queue are reachable, 503 naming what is down.
import type { Handler } from 'hono'
import { createHealthCheck } from '@stackradar/core/health'
import type { ApiDeps } from '../deps.ts'

export function healthRoute(deps: Pick<ApiDeps, 'ch' | 'queue'>): Handler {
  const check = createHealthCheck(deps.ch, deps.queue)
  return async (c) => {
    const health = await check()
    return c.json(health, health.ok ? 200 : 503)
  }
}
