// GET /api/v1/sources: per-source health (ads seen, new, closed, last success, last error) and
// queue depth, for Hacker News and every board of the sources file.
import { createRoute } from '@hono/zod-openapi'
import { isoFromDateTime, queryRows, readSourceHealth } from '@stackradar/core/clickhouse'
import { SourcesResponse, type SourceHealthRow } from '@stackradar/core/contracts/api'
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
    const [health, hn, scrape] = await Promise.all([
      readSourceHealth(deps.ch),
      hnHealth(deps),
      deps.queue.counts('scrape'),
    ])
    const boards = deps.sources.map((s): SourceHealthRow => {
      const h = health.get(s.id)
      return {
        id: s.id,
        kind: s.kind,
        enabled: s.enabled,
        everyMinutes: s.everyMinutes,
        adsSeen: h?.adsSeen ?? 0,
        adsNew: h?.adsNew ?? 0,
        adsClosed: h?.adsClosed ?? 0,
        totalSeen: h?.totalSeen ?? 0,
        lastSuccessAt: h?.lastSuccessAt ?? null,
        lastError: h?.lastError || null,
        lastErrorAt: h?.lastErrorAt ?? null,
      }
    })
    return c.json(
      {
        sources: [hn, ...boards],
        queue: { scrape: { waiting: scrape.waiting + scrape.delayed, active: scrape.active } },
      },
      200,
    )
  })
}

async function hnHealth(deps: ApiDeps): Promise<SourceHealthRow> {
  const found = await queryRows<Record<string, string | number>>(
    deps.ch,
    `SELECT
              (SELECT uniqExact(ad_id) FROM raw_ads WHERE source = 'hn') AS ads,
              countIf(status = 'done') AS done, countIf(status = 'failed') AS failed,
              toString(maxIf(updated_at, status = 'done')) AS last_success,
              argMaxIf(error, updated_at, status = 'failed') AS last_error,
              toString(maxIf(updated_at, status = 'failed')) AS last_error_at
            FROM crawl_tasks FINAL WHERE source = 'hn'`,
  )
  const r = found[0] ?? {}
  // maxIf over no matching rows gives the epoch: no such event yet.
  const iso = (v: unknown) => (typeof v === 'string' && !v.startsWith('1970') ? isoFromDateTime(v) : null)
  return {
    id: 'hn',
    kind: 'hn',
    enabled: true,
    adsSeen: Number(r.ads ?? 0),
    threadsDone: Number(r.done ?? 0),
    threadsFailed: Number(r.failed ?? 0),
    lastSuccessAt: iso(r.last_success),
    lastError: (r.last_error as string) || null,
    lastErrorAt: iso(r.last_error_at),
  }
}
