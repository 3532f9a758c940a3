// The answer cache against real chDB: a repeated analytics GET does not run its query again,
// identical requests arriving together share one run, and a write (new data version) refreshes it;
// a replayed answer keeps its first answer's ETag and compressed bytes.
// Queries are counted through a wrapper around the real client.
import { createHash } from 'node:crypto'
import { brotliDecompressSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ClickHouseClient } from '@clickhouse/client'
import { fixtureSet, openTempClickHouse, writeAds } from '@stackradar/core/analytics/testing'
import type { ClickHouseHandle } from '@stackradar/core/clickhouse'
import { createRootLogger } from '@stackradar/core/logger'
import { InProcessQueue } from '@stackradar/core/queue'
import { createApp } from '../app.ts'

let handle: ClickHouseHandle
const analyticsQueries: string[] = []

/** The real client, counting the queries that are not the data-version probe. */
function counting(ch: ClickHouseClient): ClickHouseClient {
  return new Proxy(ch, {
    get(target, prop, receiver) {
      if (prop !== 'query') return Reflect.get(target, prop, receiver) as unknown
      return (params: Parameters<ClickHouseClient['query']>[0]) => {
        if (!params.query.includes('system.parts')) analyticsQueries.push(params.query)
        return target.query(params)
      }
    },
  })
}

/**
 * No elapsed-time bound anywhere: vitest's timeouts are off (0) and the API's own request limit
 * (API_TIMEOUT_MS, a 504 after 15 s by default) is a day, so a busy machine only makes this slower.
 * What is checked is counted: queries run, cache hits and misses.
 */
const NO_CLOCK = 0
const A_DAY_MS = 24 * 3_600_000

beforeAll(async () => {
  handle = await openTempClickHouse()
}, NO_CLOCK)
afterAll(async () => handle?.close(), NO_CLOCK)

/**
 * The API on the counting client, with the data version (and live answers) kept `versionMs` by
 * `clock` (the real one unless a test passes its own).
 */
function countingApp(versionMs: number, clock?: () => number) {
  const log = createRootLogger('silent')
  return createApp({
    ch: counting(handle.client),
    queue: new InProcessQueue(log),
    log,
    sources: [],
    limits: { API_CACHE_VERSION_MS: versionMs, API_TIMEOUT_MS: A_DAY_MS },
    ...(clock && { clock }),
  })
}

describe('answer cache', { timeout: NO_CLOCK }, () => {
  it('answers a repeat from memory and re-runs the query once the data changed', async () => {
    const app = countingApp(0)
    const url = '/api/v1/trends?skills=python,go&interval=month'
    const first = await app.request(url)
    expect(first.status).toBe(200)
    expect(first.headers.get('X-Cache')).toBe('MISS')
    const perAnswer = analyticsQueries.length
    expect(perAnswer).toBeGreaterThan(0)

    const again = await app.request(url)
    expect(again.headers.get('X-Cache')).toBe('HIT')
    expect(await again.json()).toEqual(await first.json())
    expect(analyticsQueries.length).toBe(perAnswer)

    // Ten identical requests at once after a write: one run of the query for all of them.
    await handle.client.insert({
      table: 'http_cache',
      values: [{ url: 'https://x.example/', etag: '', last_modified: '', body: '', updated_at: Date.now() }],
      format: 'JSONEachRow',
    })
    const burst = await Promise.all(Array.from({ length: 10 }, () => app.request(url)))
    expect(burst.map((r) => r.status)).toEqual(Array(10).fill(200))
    expect(burst.filter((r) => r.headers.get('X-Cache') === 'MISS')).toHaveLength(1)
    // One run's worth of queries for all ten (a run may skip lookups the first one cached, such as
    // the allowed filter values).
    const burstQueries = analyticsQueries.length - perAnswer
    expect(burstQueries).toBeGreaterThan(0)
    expect(burstQueries).toBeLessThanOrEqual(perAnswer)

    // Live routes are not kept past API_CACHE_VERSION_MS (0 here)…
    const before = analyticsQueries.length
    await app.request('/api/v1/status')
    const firstPoll = analyticsQueries.length - before
    await app.request('/api/v1/status')
    const secondPoll = analyticsQueries.length - before - firstPoll
    expect(firstPoll).toBeGreaterThan(0)
    expect(secondPoll).toBeGreaterThan(0)

    // …but polls arriving together share one run (at most one poll's queries for all eight).
    const polled = analyticsQueries.length
    const polls = await Promise.all(Array.from({ length: 8 }, () => app.request('/api/v1/status')))
    expect(polls.map((r) => r.status)).toEqual(Array(8).fill(200))
    expect(polls.filter((r) => r.headers.get('X-Cache') === 'MISS')).toHaveLength(1)
    expect(analyticsQueries.length - polled).toBeGreaterThan(0)
    expect(analyticsQueries.length - polled).toBeLessThanOrEqual(Math.max(firstPoll, secondPoll))
    const bodies = await Promise.all(polls.map((r) => r.json()))
    for (const b of bodies) expect(b).toEqual(bodies[0])
  })

  it('reuses a live answer within API_CACHE_VERSION_MS: polls in that interval run no query', async () => {
    // The cache's clock is the test's: only the time it says has passed decides, never the machine.
    let now = 1_000_000
    const app = countingApp(1000, () => now)
    const first = await app.request('/api/v1/status')
    expect(first.status).toBe(200)
    const before = analyticsQueries.length
    now += 999
    const again = await app.request('/api/v1/status')
    expect(again.headers.get('X-Cache')).toBe('HIT')
    expect(await again.json()).toEqual(await first.json())
    expect(analyticsQueries.length).toBe(before)
    // Once the interval has passed, the next poll runs its queries again.
    now += 1
    const later = await app.request('/api/v1/status')
    expect(later.headers.get('X-Cache')).toBe('MISS')
    expect(analyticsQueries.length).toBeGreaterThan(before)
  })

  it('replays a cached answer with the ETag, 304 and compressed bytes of its first answer', async () => {
    await writeAds(handle, fixtureSet())
    // The test's clock stands still: the data version read first stays current, whatever time passes.
    const app = countingApp(60_000, () => 1_000_000)
    const url = '/api/v1/trends?skills=python,go,rust&interval=week'
    const br = { 'Accept-Encoding': 'br' }
    const first = await app.request(url, { headers: br })
    expect(first.headers.get('X-Cache')).toBe('MISS')
    expect(first.headers.get('Content-Encoding')).toBe('br')
    const tag = first.headers.get('ETag')
    expect(tag).toMatch(/^"[\w-]{27}"$/)
    const firstBytes = Buffer.from(await first.arrayBuffer())

    // The hit carries the tag stored with the answer (not re-hashed), which must be the same.
    const hit = await app.request(url, { headers: br })
    expect(hit.headers.get('X-Cache')).toBe('HIT')
    expect(hit.headers.get('ETag')).toBe(tag)
    expect(hit.headers.get('Content-Encoding')).toBe('br')
    expect(Buffer.from(await hit.arrayBuffer())).toEqual(firstBytes)

    const plain = await app.request(url)
    expect(plain.headers.get('X-Cache')).toBe('HIT')
    expect(plain.headers.get('Content-Encoding')).toBeNull()
    expect(plain.headers.get('ETag')).toBe(tag)
    expect(await plain.json()).toEqual(JSON.parse(brotliDecompressSync(firstBytes).toString()))
    // The tag is the SHA-1 of the answer's bytes, whichever layer computed it.
    expect(tag).toBe(`"${createHash('sha1').update(brotliDecompressSync(firstBytes)).digest('base64url')}"`)

    const unchanged = await app.request(url, { headers: { 'If-None-Match': tag! } })
    expect(unchanged.status).toBe(304)
  })
})
