// GET /api/v1/sources: per-source health (ads seen, new, closed, last success, last error) and
// queue depth, for Hacker News and every board of the sources file.
import { Hono } from 'hono'
import { crawlTasks, rawAds, sourceHealth } from '@stackradar/core/tables/index'
import type { ApiDeps } from '../deps.ts'

export function sourcesRoutes(deps: ApiDeps) {
  return new Hono().get('/', async (c) => {
    const [health, hn, scrape] = await Promise.all([
      sourceHealth.all(deps.ch),
      hnHealth(deps),
      deps.queue.counts('scrape'),
    ])
    const boards = deps.sources.map((s) => {
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
    return c.json({
      sources: [hn, ...boards],
      queue: { scrape: { waiting: scrape.waiting + scrape.delayed, active: scrape.active } },
    })
  })
}

async function hnHealth(deps: ApiDeps) {
  const [ads, units] = await Promise.all([rawAds.count(deps.ch, 'hn'), crawlTasks.health(deps.ch, 'hn')])
  return {
    id: 'hn',
    kind: 'hn',
    enabled: true,
    adsSeen: ads,
    threadsDone: units.done,
    threadsFailed: units.failed,
    lastSuccessAt: units.lastSuccessAt,
    lastError: units.lastError,
    lastErrorAt: units.lastErrorAt,
  }
}
