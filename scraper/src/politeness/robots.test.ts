import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { FetchError } from '../http/fetch-error.ts'
import { RobotsCache, RobotsDisallowedError, RobotsUnavailableError, robotsToken } from './robots.ts'

const UA = 'StackRadarBot/1.0 (+https://stackradar.example/bot)'

// What /robots.txt answers, changed per test; every request is counted.
let robots: { status: number; body: string } = { status: 200, body: '' }
let robotsHits = 0
let server: Server
let base: string

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/robots.txt') {
      robotsHits++
      res.writeHead(robots.status, { 'content-type': 'text/plain' }).end(robots.body)
    } else res.writeHead(200).end('page')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

beforeEach(() => {
  robotsHits = 0
})

let clock = 0
const cache = (extra: { ttlMs?: number; errorTtlMs?: number } = {}) =>
  new RobotsCache({
    fetchOptions: { userAgent: UA, timeoutMs: 1000, maxBytes: 100_000, retries: 0, minBackoffMs: 1 },
    now: () => clock,
    ...extra,
  })

describe('RobotsCache', () => {
  it('applies the rules of the group for our token, and fetches robots.txt once', async () => {
    robots = {
      status: 200,
      body: [
        'User-agent: *',
        'Disallow: /',
        '',
        'User-agent: StackRadarBot',
        'Disallow: /private/',
        'Allow: /private/open',
        'Crawl-delay: 2.5',
      ].join('\n'),
    }
    const robotsCache = cache()
    expect(await robotsCache.isAllowed(`${base}/jobs?page=2`, UA)).toBe(true)
    expect(await robotsCache.isAllowed(`${base}/private/secret`, UA)).toBe(false)
    expect(await robotsCache.isAllowed(`${base}/private/open`, UA)).toBe(true)
    expect(await robotsCache.isAllowed(`${base}/jobs`, 'OtherBot/2.0')).toBe(false)
    expect(robotsCache.crawlDelayMs(base, UA)).toBe(2500)
    expect(robotsCache.crawlDelayMs(`${base}/`, UA)).toBe(2500)
    expect(robotsCache.crawlDelayMs('http://unknown.example', UA)).toBe(0)
    expect(robotsHits).toBe(1)
  })

  it('says which host, path and agent are disallowed, as a final error', async () => {
    robots = { status: 200, body: 'User-agent: *\nDisallow: /admin' }
    const error = await cache()
      .assertAllowed(`${base}/admin/users?x=1`, UA)
      .catch((e: FetchError) => e)
    expect(error).toBeInstanceOf(RobotsDisallowedError)
    expect(error).toMatchObject({ retryable: false, url: `${base}/admin/users?x=1` })
    expect((error as Error).message).toBe(
      `robots.txt of ${new URL(base).host} disallows /admin/users?x=1 for StackRadarBot`,
    )
  })

  it('shares one fetch between concurrent checks and refetches after the TTL', async () => {
    robots = { status: 200, body: 'User-agent: *\nDisallow: /x' }
    const robotsCache = cache({ ttlMs: 1000 })
    clock = 0
    await Promise.all([1, 2, 3].map(() => robotsCache.isAllowed(`${base}/a`, UA)))
    expect(robotsHits).toBe(1)
    clock = 999
    expect(await robotsCache.isAllowed(`${base}/x`, UA)).toBe(false)
    expect(robotsHits).toBe(1)
    robots = { status: 200, body: '' }
    clock = 1000
    expect(await robotsCache.isAllowed(`${base}/x`, UA)).toBe(true)
    expect(robotsHits).toBe(2)
  })

  it.each([404, 410])('treats %i as allow-all', async (status) => {
    robots = { status, body: 'User-agent: *\nDisallow: /' }
    expect(await cache().isAllowed(`${base}/anything`, UA)).toBe(true)
  })

  it.each([401, 403])('treats %i as disallow-all', async (status) => {
    robots = { status, body: '' }
    const error = await cache()
      .assertAllowed(`${base}/jobs`, UA)
      .catch((e: FetchError) => e)
    expect(error).toBeInstanceOf(RobotsDisallowedError)
    expect((error as Error).message).toMatch(
      `disallows /jobs for StackRadarBot (robots.txt answered HTTP ${status})`,
    )
  })

  it('treats a 5xx as temporary: refused now (retryable), asked again after errorTtlMs', async () => {
    robots = { status: 503, body: '' }
    clock = 0
    const robotsCache = cache({ errorTtlMs: 100 })
    const error = await robotsCache.assertAllowed(`${base}/jobs`, UA).catch((e: FetchError) => e)
    expect(error).toBeInstanceOf(RobotsUnavailableError)
    expect(error).toMatchObject({ retryable: true })
    expect((error as Error).message).toMatch(/robots\.txt of .* is unavailable \(.*HTTP 503\)/)
    expect(await robotsCache.isAllowed(`${base}/jobs`, UA)).toBe(false)
    expect(robotsHits).toBe(1)
    robots = { status: 200, body: '' }
    clock = 100
    expect(await robotsCache.isAllowed(`${base}/jobs`, UA)).toBe(true)
    expect(robotsHits).toBe(2)
  })

  it('treats a refused connection as temporary', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    const error = await cache()
      .assertAllowed(`http://127.0.0.1:${port}/jobs`, UA)
      .catch((e: FetchError) => e)
    expect(error).toBeInstanceOf(RobotsUnavailableError)
    expect((error as Error).message).toMatch(/ECONNREFUSED/)
  })

  it('reads the product token out of user-agent strings', () => {
    expect(robotsToken(UA)).toBe('StackRadarBot')
    expect(robotsToken('Mozilla/5.0 (compatible; StackRadarBot/1.0; +https://x)')).toBe('StackRadarBot')
    expect(robotsToken('')).toBe('*')
  })
})
