// GET /api/v1/status: ads stored and extracted, backfill progress, queue depth.
import { Hono } from 'hono'
import { readStatus } from '@stackradar/core/analytics/status'
import { EXTRACTOR_VERSION } from '@stackradar/core/extract/index'
import type { ApiDeps } from '../deps.ts'

export function statusRoutes(deps: ApiDeps) {
  return new Hono().get('/', async (c) => c.json(await readStatus(deps.ch, deps.queue, EXTRACTOR_VERSION)))
}
