// Politeness across processes: two scrape processes (distributed mode, real redis-server, ClickHouse
// over HTTP) read one host. The host records when each request arrives: the gaps between its requests
// (from either process, robots.txt included) never fall below HOST_DELAY_MS, and both processes did
// read it. Without the shared turn in Redis each process would keep the delay on its own and their
// requests would interleave closer together.
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

const HOST_DELAY_MS = 300
const months = ['2026-07', '2026-08', '2026-09', '2026-10']
const site = createHiringSite(
  months.map((month, i) => ({
    month,
    threadId: `4450000${i}`,
    createdAt: new Date(`${month}-01T15:00:00Z`),
    pages: [3, 3, 3, 3],
  })),
)
const THREAD_PAGES = months.length * 4
const agents = [
  'StackRadarBotA/0.1 (+mailto:a@example.invalid)',
  'StackRadarBotB/0.1 (+mailto:b@example.invalid)',
]

let fixture: RunningFixture
let redis: Awaited<ReturnType<typeof startRedis>>
let clickhouse: SpawnedClickHouseHttpFixture
const roles: RoleProcess[] = []

beforeAll(async () => {
  fixture = await startHnFixtureServer(site)
  redis = await startRedis()
  clickhouse = await spawnClickHouseHttpFixture({ path: tempDir('ch-polite') })
  const env = testEnv(fixture.url, {
    REDIS_URL: redis.url,
    CLICKHOUSE_URL: clickhouse.url,
    QUEUE_PREFIX: `polite${Date.now()}`,
    HOST_DELAY_MS: String(HOST_DELAY_MS),
    SCRAPE_CONCURRENCY: '2',
  })
  // Both scrape processes first, so that the scheduler's jobs find both waiting.
  for (const userAgent of agents)
    roles.push(startRole('scrape', { ...env, USER_AGENT: userAgent, LOG_LEVEL: 'info' }))
  await bothStarted(roles)
  roles.push(startRole('scheduler', env))
}, 300_000)

afterAll(async () => {
  await Promise.all(roles.map((r) => r.kill('SIGTERM')))
  await clickhouse?.stop()
  await redis?.stop()
  await fixture?.close()
})

describe('distributed politeness', () => {
  it('keeps HOST_DELAY_MS between any two requests the host receives from two scrape processes', async () => {
    const threadPages = () =>
      new Set(fixture.arrivals.filter((a) => a.path.startsWith('/item')).map((a) => a.path))
    await waitFor(
      'every thread page read',
      async () => threadPages().size,
      (n) => n >= THREAD_PAGES,
      240_000,
      250,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${roles.map((r) => r.output()).join('\n')}`)
    })
    const arrivals = [...fixture.arrivals].sort((a, b) => a.at - b.at)
    const gaps = arrivals.slice(1).map((a, i) => ({ gap: a.at - arrivals[i]!.at, path: a.path }))
    const smallest = Math.min(...gaps.map((g) => g.gap))
    expect(arrivals.length).toBeGreaterThan(THREAD_PAGES)
    expect(smallest, JSON.stringify(gaps.filter((g) => g.gap < HOST_DELAY_MS))).toBeGreaterThanOrEqual(
      HOST_DELAY_MS,
    )
    // Both processes took turns on the host (else the test would show nothing about sharing).
    for (const agent of agents) {
      const theirs = arrivals.filter((a) => a.userAgent === agent && a.path.startsWith('/item'))
      expect(theirs.length, `${agent} read thread pages`).toBeGreaterThan(0)
    }
  }, 300_000) // generous waits: on a busy 2-core machine each role takes tens of seconds to start
})
