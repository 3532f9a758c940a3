// GET /api/v1/status: ads stored and extracted, backfill progress, queue depth.
import { createRoute } from '@hono/zod-openapi'
import { readStatus } from '@stackradar/core/analytics'
import { StatusResponse } from '@stackradar/core/contracts/api'
import { EXTRACTOR_VERSION } from '@stackradar/core/extract'
import type { ApiDeps } from '../deps.ts'
import { createRouter, ok } from '../router.ts'

const route = createRoute({
  method: 'get',
  path: '/api/v1/status',
  summary: 'Ads stored and extracted, backfill progress, queue depth',
  responses: ok(StatusResponse, 'what the system is doing'),
})

export function statusRoutes(deps: ApiDeps) {
  return createRouter().openapi(route, async (c) =>
    c.json(await readStatus(deps.ch, deps.queue, EXTRACTOR_VERSION), 200),
  )
}
