// A circuit breaker one scrape process opens holds the other scrape process's requests too (state in
// Redis). The host answers 500 to every thread page. The oracle comes from the host's own log: the
// breaker must open at the first request by which HOST_BREAKER_FAILURES consecutive failures on two
// different pages have happened, and no thread-page request may arrive after that one, from either
// process, during the cool-down; exactly one process logs the opening, and the other is held
// ("host down; page put off"). Per-process breakers would let the second process keep asking.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHiringSite } from './support/hiring-site.ts'
import { startHnFixtureServer, type RunningFixture } from './support/hn-fixture-server.ts'
import {
  spawnClickHouseHttpFixture,
  type SpawnedClickHouseHttpFixture,
} from './support/clickhouse-http-fixture.ts'
import { startRedis } from './support/redis-server.ts'
import { bothStarted, startRole, type RoleProcess } from './support/role-process.ts'
import { tempDir, testEnv } from './support/test-config.ts'
import { waitFor } from './support/wait.ts'

const THRESHOLD = 3
const months = ['2026-07', '2026-08', '2026-09', '2026-10']
const site = createHiringSite(
  months.map((month, i) => ({
    month,
    threadId: `4460000${i}`,
    createdAt: new Date(`${month}-01T15:00:00Z`),
    pages: [3, 3],
  })),
)

let fixture: RunningFixture
let redis: Awaited<ReturnType<typeof startRedis>>
let clickhouse: SpawnedClickHouseHttpFixture
const scrapers: RoleProcess[] = []
const roles: RoleProcess[] = []

beforeAll(async () => {
  fixture = await startHnFixtureServer(site, {
    failFirst: [{ pathPrefix: '/item', status: 500, times: 1_000_000 }],
  })
  redis = await startRedis()
  clickhouse = await spawnClickHouseHttpFixture({ path: tempDir('ch-breaker') })
  const env = testEnv(fixture.url, {
    REDIS_URL: redis.url,
    CLICKHOUSE_URL: clickhouse.url,
    QUEUE_PREFIX: `breaker${Date.now()}`,
    HOST_BREAKER_FAILURES: String(THRESHOLD),
    HOST_BREAKER_COOLDOWN_MS: '120000',
    SCRAPE_CONCURRENCY: '2',
  })
  for (let i = 0; i < 2; i++) scrapers.push(startRole('scrape', { ...env, LOG_LEVEL: 'info' }))
  roles.push(...scrapers)
  // Both scrape processes ready before any job exists, so that both get pages to read.
  await bothStarted(scrapers)
  roles.push(startRole('scheduler', env))
}, 300_000)

afterAll(async () => {
  await Promise.all(roles.map((r) => r.kill('SIGTERM')))
  await clickhouse?.stop()
  await redis?.stop()
  await fixture?.close()
})

/** How many thread-page requests it takes to open the breaker, given the pages asked in order. */
function requestsToOpen(pages: string[]): number {
  const distinct = new Set<string>()
  for (let k = 1; k <= pages.length; k++) {
    distinct.add(pages[k - 1]!)
    if (k >= THRESHOLD && distinct.size >= 2) return k
  }
  return Infinity
}

describe('distributed circuit breaker', () => {
  it('holds every scrape process off a host once one of them found it down', async () => {
    const opened = (r: RoleProcess) =>
      r
        .output()
        .split('\n')
        .filter((l) => l.includes('circuit breaker open'))
    await waitFor(
      'the breaker to open',
      async () => scrapers.flatMap(opened).length,
      (n) => n > 0,
      240_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${roles.map((r) => r.output()).join('\n')}`)
    })
    const held = (r: RoleProcess) => r.output().includes('host down; page put off')
    // The process that did not open it must have tried (and been held) before the test judges the host's log.
    await waitFor(
      'both processes to be held',
      async () => scrapers.filter(held).length,
      (n) => n === 2,
      120_000,
    )
    await new Promise((r) => setTimeout(r, 2000))

    const pages = fixture.arrivals.filter((a) => a.path.startsWith('/item')).map((a) => a.path)
    expect(pages.length).toBe(requestsToOpen(pages))
    expect(scrapers.map((r) => opened(r).length).sort()).toEqual([0, 1])
  }, 400_000) // generous waits: on a busy 2-core machine each role takes tens of seconds to start
})
