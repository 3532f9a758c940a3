// GET /api/v1/health: ClickHouse and the queue reachable, and how old each source's newest ad
// is. Browser-safe (zod only).
import { z } from 'zod'

export const HealthCheck = z.object({
  ok: z.boolean(),
  latencyMs: z.number().nullable(),
  error: z.string().nullable(),
})

export const SourceFreshness = z.object({
  source: z.string(),
  newestPostedAt: z.string().meta({ description: 'posting time of the newest ad (ISO 8601)' }),
  newestAgeHours: z.number().meta({ description: 'hours since that posting time' }),
  lastExtractedAt: z.string(),
  ads: z.number().int(),
})

export const HealthResponse = z
  .object({
    ok: z.boolean().meta({ description: 'ClickHouse and the queue both answer (HTTP 200; else 503)' }),
    clickhouse: HealthCheck,
    queue: HealthCheck.extend({ kind: z.string() }),
    sources: z.array(SourceFreshness),
  })
  .meta({ id: 'HealthResponse' })
export type HealthResponse = z.infer<typeof HealthResponse>
