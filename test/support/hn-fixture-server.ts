// A local stand-in for news.ycombinator.com and hn.algolia.com: serves thread pages and the
// whoishiring story search from whatever a test or replay gives it, with optional faults
// (a 503 or 429 before the real answer, a delay) to exercise retries.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface FixtureStory {
  id: string
  title: string
  createdAt: Date
}

export interface HnFixtureSite {
  stories: FixtureStory[]
  /** HTML of `/item?id=ID&p=N` (page 1 when p is absent), or null for 404. */
  page(id: string, page: number): Promise<string | null> | string | null
  /** Body of Algolia's /api/v1/items/<id>, when the site offers it. */
  item?(id: string): unknown
}

export interface FixtureFaults {
  /** Answer these many first requests of each listed path with this status first. */
  failFirst?: { pathPrefix: string; status: 429 | 503 | 500; times: number }[]
  delayMs?: number
}

export interface FixtureArrival {
  path: string
  /** When the request reached the server (ms, monotonic clock of this process). */
  at: number
  userAgent: string
}

export interface RunningFixture {
  url: string
  requests: string[]
  /** Every request with its arrival time and user agent (politeness checks). */
  arrivals: FixtureArrival[]
  close(): Promise<void>
}

export async function startHnFixtureServer(
  site: HnFixtureSite,
  faults: FixtureFaults = {},
): Promise<RunningFixture> {
  const requests: string[] = []
  const arrivals: FixtureArrival[] = []
  const failures = new Map<string, number>()
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fixture')
    const key = url.pathname + url.search
    requests.push(key)
    arrivals.push({ path: key, at: performance.now(), userAgent: req.headers['user-agent'] ?? '' })
    const respond = async () => {
      for (const f of faults.failFirst ?? []) {
        if (!key.startsWith(f.pathPrefix)) continue
        const n = failures.get(key) ?? 0
        if (n < f.times) {
          failures.set(key, n + 1)
          res.writeHead(f.status, { 'Retry-After': '0', 'Content-Type': 'text/plain' }).end('try later')
          return
        }
      }
      if (faults.delayMs) await new Promise((r) => setTimeout(r, faults.delayMs))
      if (url.pathname === '/api/v1/search_by_date') {
        const since = Number(
          /created_at_i>=?(\d+)/.exec(url.searchParams.get('numericFilters') ?? '')?.[1] ?? 0,
        )
        const perPage = Number(url.searchParams.get('hitsPerPage') ?? 20)
        const page = Number(url.searchParams.get('page') ?? 0)
        const stories = site.stories
          .filter((s) => s.createdAt.getTime() / 1000 >= since)
          .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
        const { renderStorySearch } = await import('./hn-render.ts')
        res
          .writeHead(200, { 'Content-Type': 'application/json' })
          .end(JSON.stringify(renderStorySearch(stories, page, perPage)))
        return
      }
      const itemId = /^\/api\/v1\/items\/(\d+)$/.exec(url.pathname)?.[1]
      const item = itemId && site.item?.(itemId)
      if (item) {
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(item))
        return
      }
      if (url.pathname === '/item') {
        const html = await site.page(url.searchParams.get('id') ?? '', Number(url.searchParams.get('p') ?? 1))
        if (html !== null) {
          res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html)
          return
        }
      }
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('No such item.')
    }
    respond().catch((err) => {
      res.writeHead(500).end(String(err))
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    arrivals,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections()
        server.close(() => r())
      }),
  }
}
