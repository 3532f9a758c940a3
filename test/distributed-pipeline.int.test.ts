// Distributed mode end to end: real redis-server (BullMQ), ClickHouse over HTTP (the chDB-backed
// HTTP fixture, since no ClickHouse server can be installed here), an api+scheduler process, two
// scrape and two extract worker processes. One scrape and one extract worker are killed with
// SIGKILL mid-run; the API must still return exactly the numbers the fixture site implies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultHiringSite } from './support/hiring-site.ts'
import { startHnFixtureServer, type RunningFixture } from './support/hn-fixture-server.ts'
import {
  spawnClickHouseHttpFixture,
  type SpawnedClickHouseHttpFixture,
} from './support/clickhouse-http-fixture.ts'
import { startRedis } from './support/redis-server.ts'
import { startApiRole, startRole, type RoleProcess } from './support/role-process.ts'
import { tempDir, testEnv } from './support/test-config.ts'
import { waitFor } from './support/wait.ts'

const site = defaultHiringSite(4) // 240 ads: enough work to kill workers in the middle of it
let fixture: RunningFixture
let redis: Awaited<ReturnType<typeof startRedis>>
let clickhouse: SpawnedClickHouseHttpFixture
const roles: RoleProcess[] = []
let apiPort = 0

interface Status {
  ads: { raw: number; extracted: number }
  backfill: { running: boolean; threads: { done: number; total: number } }
}

const api = async (path: string) =>
  (await fetch(`http://127.0.0.1:${apiPort}${path}`)).json() as Promise<Record<string, unknown>>

beforeAll(async () => {
  fixture = await startHnFixtureServer(site, { delayMs: 150 })
  redis = await startRedis()
  clickhouse = await spawnClickHouseHttpFixture({ path: tempDir('ch-http') })
  const env = testEnv(fixture.url, {
    REDIS_URL: redis.url,
    CLICKHOUSE_URL: clickhouse.url,
    QUEUE_PREFIX: `t${Date.now()}`,
    QUEUE_LOCK_MS: '3000',
    EXTRACT_BATCH: '5',
    SCRAPE_CONCURRENCY: '1',
    EXTRACT_CONCURRENCY: '1',
    WRITER_FLUSH_MS: '200',
    LOG_LEVEL: 'info',
  })
  const api = await startApiRole(env)
  roles.push(api.role)
  apiPort = api.port
  for (const role of ['scrape', 'scrape', 'extract', 'extract']) roles.push(startRole(role, env))
})

afterAll(async () => {
  await Promise.all(roles.map((r) => r.kill('SIGTERM')))
  await clickhouse?.stop()
  await redis?.stop()
  await fixture?.close()
})

describe('distributed pipeline', () => {
  it('returns the same exact numbers after a scrape and an extract worker are killed mid-run', async () => {
    await waitFor(
      'some ads extracted',
      () => api('/api/v1/status') as Promise<unknown> as Promise<Status>,
      (s) => s.ads.extracted > 0,
      90_000,
    )
    const [, scrapeA, , , extractA] = roles
    const before = (await api('/api/v1/status')) as unknown as Status
    expect(before.ads.extracted).toBeLessThan(site.totalAds)
    await Promise.all([scrapeA!.kill('SIGKILL'), extractA!.kill('SIGKILL')])

    const after = await waitFor(
      'all ads extracted by the surviving workers',
      () => api('/api/v1/status') as Promise<unknown> as Promise<Status>,
      (s) => !s.backfill.running && s.ads.extracted === site.totalAds,
      150_000,
      500,
    )
    expect(after.ads.raw).toBe(site.totalAds)
    expect(after.backfill.threads).toMatchObject({ done: 3, total: 3 })

    const trends = await api('/api/v1/trends?skills=go,python,rust&interval=month')
    expect(
      (trends.points as { period: string; skill: string; ads: number; total: number }[]).map(
        ({ period, skill, ads, total }) => ({ period, skill, ads, total }),
      ),
    ).toEqual(site.expected(['go', 'python', 'rust']))
    const status = (await api('/api/v1/status')) as { mode: string }
    expect(status.mode).toBe('distributed')
  }, 300_000) // its own waits allow 90 s + 150 s; a busy machine needs them

  it('shuts a worker down cleanly on SIGTERM', async () => {
    const survivor = roles[3]! // the extract worker that was not killed
    const code = await survivor.kill('SIGTERM')
    expect(code).toBe(0)
    expect(survivor.output()).toContain('shutdown complete')
  })
})
