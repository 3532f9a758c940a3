// Server-side cache of analytics answers: a GET under the cached prefixes is answered from memory
// when the same URL was answered at the same data version (stored data unchanged), and identical
// requests arriving together share one run of the query. Bounded LRU of API_CACHE_ENTRIES; only
// 200 answers are kept. Live routes (status, sources: what the dashboard polls) are kept only for
// API_CACHE_VERSION_MS (a second by default), and identical requests arriving while one runs share
// its answer, so N open dashboards polling at once cost one run per second.
import type { MiddlewareHandler } from 'hono'
import { cachedDataVersion } from '@stackradar/core/clickhouse'
import type { ApiDeps } from '../deps.ts'
import { apiLimits } from './limits.ts'
import { contentTag } from '../analytics-http.ts'

const CACHED_PREFIXES = [
  '/api/v1/trends',
  '/api/v1/skills',
  '/api/v1/ads',
  '/api/v1/rankings',
  '/api/v1/rising',
  '/api/v1/salaries',
  '/api/v1/cooccurrence',
  '/api/v1/breakdown',
  '/api/v1/coverage',
]

/** Answered fresh every time; only identical requests in flight together share one run. */
const LIVE_PREFIXES = ['/api/v1/status', '/api/v1/sources']

interface Answer {
  status: number
  headers: [string, string][]
  /** Bytes, not an ArrayBuffer: the node server's lightweight Response writes them as they are. */
  body: Uint8Array
}

const replay = (a: Answer, how: string) => {
  const res = new Response(a.body, { status: a.status, headers: a.headers })
  res.headers.set('X-Cache', how)
  return res
}

export function answerCache(deps: Pick<ApiDeps, 'ch' | 'limits' | 'clock'>): MiddlewareHandler {
  const { API_CACHE_ENTRIES: maxEntries, API_CACHE_VERSION_MS } = apiLimits(deps)
  if (maxEntries === 0) return (_c, next) => next()
  const clock = deps.clock ?? Date.now
  const dataVersion = cachedDataVersion(deps.ch, API_CACHE_VERSION_MS, clock)
  const answers = new Map<string, Answer>() // insertion order = LRU order
  const running = new Map<string, Promise<Answer | undefined>>()
  // Live answers are reused for API_CACHE_VERSION_MS, the age the data version itself may have:
  // a hundred dashboards polling /status cost one status read per interval, not one each.
  const liveAnswers = new Map<string, { at: number; answer: Answer }>()

  return async (c, next) => {
    if (c.req.method !== 'GET') return next()
    const live = LIVE_PREFIXES.some((p) => c.req.path.startsWith(p))
    if (!live && !CACHED_PREFIXES.some((p) => c.req.path.startsWith(p))) return next()
    const url = new URL(c.req.url)
    // CSV and JSON answers of one URL differ (Accept: text/csv): the format is part of the key.
    const csv = /text\/csv/i.test(c.req.header('accept') ?? '') ? ' csv' : ''
    const key = live
      ? `live ${url.pathname}${url.search}${csv}`
      : `${await dataVersion()} ${url.pathname}${url.search}${csv}`
    const recent = live ? liveAnswers.get(key) : undefined
    if (recent && clock() - recent.at < API_CACHE_VERSION_MS) {
      c.res = replay(recent.answer, 'HIT')
      return
    }
    const hit = live ? undefined : answers.get(key)
    if (hit) {
      answers.delete(key)
      answers.set(key, hit)
      c.res = replay(hit, 'HIT')
      return
    }
    const shared = running.get(key)
    if (shared) {
      const answer = await shared.catch(() => undefined)
      if (answer) {
        c.res = replay(answer, 'SHARED')
        return
      }
      return next() // the first run failed: this request tries on its own
    }
    const run = (async () => {
      await next()
      if (c.res.status !== 200) return undefined
      const body = new Uint8Array(await c.res.clone().arrayBuffer())
      // Its ETag, once, on this answer and its replays: the HTTP layer outside then need not read
      // and hash the body again, on this request or on any hit.
      if (!live && !c.res.headers.has('ETag')) c.res.headers.set('ETag', contentTag(body))
      const answer: Answer = { status: 200, headers: [...c.res.headers.entries()], body }
      if (live) {
        // Bounded like the answer cache: the query string is the client's, so the keys are too.
        liveAnswers.delete(key)
        liveAnswers.set(key, { at: clock(), answer })
        if (liveAnswers.size > maxEntries) liveAnswers.delete(liveAnswers.keys().next().value!)
        return answer
      }
      answers.set(key, answer)
      if (answers.size > maxEntries) answers.delete(answers.keys().next().value!)
      return answer
    })()
    running.set(key, run)
    try {
      await run
      c.res.headers.set('X-Cache', 'MISS')
    } finally {
      running.delete(key)
    }
  }
}
