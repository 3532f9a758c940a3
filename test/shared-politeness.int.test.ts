// The politeness state two scrape processes share through Redis, at the fetcher level: each "process"
// is its own createSourceHttp (own Redis connection, own memory) against a real redis-server and a
// local host. A breaker one opens holds the other's requests; robots.txt is asked once for both; and
// Redis going away holds requests (logged) instead of crashing them or letting them out unspaced.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Logger } from '@stackradar/core/logger'
import { createSourceHttp } from '@stackradar/scraper'
import { startRedis } from './support/redis-server.ts'
import { testConfig } from './support/test-config.ts'

let server: Server
let base: string
const hits: string[] = []
let redis: Awaited<ReturnType<typeof startRedis>>

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? '')
    if (req.url === '/robots.txt') res.writeHead(200).end('User-agent: *\nDisallow: /private\n')
    else if (req.url?.startsWith('/bad')) res.writeHead(500).end('down')
    else res.writeHead(200, { 'content-type': 'text/plain' }).end('ok')
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  redis = await startRedis()
})

afterAll(async () => {
  await redis?.stop()
  server.closeAllConnections()
  await new Promise((r) => server.close(r))
})

function captureLog(): { log: Logger; lines: string[] } {
  const lines: string[] = []
  const write = (obj: object, msg?: string) => void lines.push(`${msg ?? ''} ${JSON.stringify(obj)}`)
  const log = { warn: write, info: write, error: write, debug: () => undefined }
  return { log: { ...log, child: () => log } as unknown as Logger, lines }
}

/** One scrape process's fetcher, in distributed mode. */
function processFetcher(prefix: string, log = captureLog().log) {
  const cfg = testConfig(base, {
    REDIS_URL: redis.url,
    QUEUE_PREFIX: prefix,
    HTTP_RETRIES: '0',
    HOST_BREAKER_FAILURES: '2',
    HOST_BREAKER_COOLDOWN_MS: '60000',
  })
  return createSourceHttp(cfg, ['127.0.0.1'], log)
}

describe('politeness shared through Redis', () => {
  it('holds the other process off a host one process found down', async () => {
    hits.length = 0
    const prefix = `shared${Date.now()}`
    const [one, two] = [processFetcher(prefix), processFetcher(prefix)]
    try {
      await expect(one.fetcher.text(`${base}/bad1`)).rejects.toMatchObject({ status: 500 })
      await expect(one.fetcher.text(`${base}/bad2`)).rejects.toMatchObject({ status: 500 })
      // The other process has never failed on this host, yet is held off it.
      await expect(two.fetcher.text(`${base}/good`)).rejects.toMatchObject({ name: 'HostDownError' })
      await expect(two.fetcher.text(`${base}/private/x`)).rejects.toMatchObject({ name: 'HostDownError' })
      expect(hits).toEqual(['/robots.txt', '/bad1', '/bad2'])
    } finally {
      await Promise.all([one.close(), two.close()])
    }
  })

  it('shares robots.txt answers: the second process obeys rules it never fetched', async () => {
    hits.length = 0
    const prefix = `robots${Date.now()}`
    const [one, two] = [processFetcher(prefix), processFetcher(prefix)]
    try {
      await expect(one.fetcher.text(`${base}/a`)).resolves.toMatchObject({ status: 200 })
      await expect(two.fetcher.text(`${base}/private/b`)).rejects.toMatchObject({
        name: 'RobotsDisallowedError',
      })
      await expect(two.fetcher.text(`${base}/b`)).resolves.toMatchObject({ status: 200 })
      expect(hits).toEqual(['/robots.txt', '/a', '/b'])
    } finally {
      await Promise.all([one.close(), two.close()])
    }
  })

  it('holds requests while Redis is away, says why, and sends them once it is back', async () => {
    hits.length = 0
    const { log, lines } = captureLog()
    const one = processFetcher(`outage${Date.now()}`, log)
    try {
      await expect(one.fetcher.text(`${base}/first`)).resolves.toMatchObject({ status: 200 })
      await redis.stop()
      let settled = false
      const held = one.fetcher.text(`${base}/during`).finally(() => (settled = true))
      await new Promise((r) => setTimeout(r, 2500))
      expect(settled).toBe(false)
      expect(hits).not.toContain('/during')
      expect(lines.join('\n')).toMatch(/shared host turn unavailable \(Redis\)/)
      redis = await startRedis({ port: redis.port })
      await expect(held).resolves.toMatchObject({ status: 200 })
      expect(hits.filter((h) => h === '/during')).toHaveLength(1)
      expect(lines.join('\n')).toMatch(/shared host turn available again/)
    } finally {
      await one.close()
    }
  }, 60_000)
})
