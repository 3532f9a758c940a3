// The recorded HN months 2012-01 … 2018-06 (../shared/data, skipped when absent) through the
// distributed mode: real redis-server (BullMQ), ClickHouse over HTTP (the chDB-backed fixture,
// enforcing a real server's URL and parameter limits), an api+scheduler process, two scrape and
// two extract processes. Threads of thousands of ads once failed here silently (40% of the ads
// lost); every month must now load with the manifest's count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient, type ClickHouseClient } from '@clickhouse/client'
import { hasReplayCorpus, loadManifest, replaySite } from './support/replay-site.ts'
import { startHnFixtureServer, type RunningFixture } from './support/hn-fixture-server.ts'
import {
  spawnClickHouseHttpFixture,
  type SpawnedClickHouseHttpFixture,
} from './support/clickhouse-http-fixture.ts'
import { startRedis } from './support/redis-server.ts'
import { startApiRole, startRole, type RoleProcess } from './support/role-process.ts'
import { tempDir, testEnv } from './support/test-config.ts'
import { waitFor } from './support/wait.ts'

interface Status {
  mode: string
  ads: { raw: number; extracted: number }
  backfill: {
    running: boolean
    threads: { total: number; done: number; failed: number }
    failedUnits: { label: string; error: string }[]
  }
}

describe.skipIf(!hasReplayCorpus())('distributed replay of 78 HN months (2012–2018)', () => {
  let fixture: RunningFixture
  let redis: Awaited<ReturnType<typeof startRedis>>
  let clickhouse: SpawnedClickHouseHttpFixture
  let ch: ClickHouseClient
  const roles: RoleProcess[] = []
  let apiPort = 0
  const status = async () =>
    (await (await fetch(`http://127.0.0.1:${apiPort}/api/v1/status`)).json()) as Status

  beforeAll(async () => {
    fixture = await startHnFixtureServer(replaySite(loadManifest()))
    redis = await startRedis()
    clickhouse = await spawnClickHouseHttpFixture({ path: tempDir('replay-ch-http') })
    const env = testEnv(fixture.url, {
      REDIS_URL: redis.url,
      CLICKHOUSE_URL: clickhouse.url,
      QUEUE_PREFIX: `replay${Date.now()}`,
      HN_SINCE: '2012-01',
      HN_THREAD_READER: 'html', // the recorded corpus is thread pages
      EXTRACT_BATCH: '500',
      WRITER_BATCH_ROWS: '20000',
      WRITER_FLUSH_MS: '300',
      HTTP_RETRIES: '1',
      LOG_LEVEL: 'info', // the api role's "listening on" line gives its port
    })
    const api = await startApiRole(env)
    roles.push(api.role)
    apiPort = api.port
    for (const role of ['scrape', 'scrape', 'extract', 'extract']) roles.push(startRole(role, env))
    ch = createClient({ url: clickhouse.url, database: 'stackradar' })
  }, 120_000)

  afterAll(async () => {
    await Promise.all(roles.map((r) => r.kill('SIGTERM')))
    await ch?.close()
    await clickhouse?.stop()
    await redis?.stop()
    await fixture?.close()
  })

  it('stores every ad of every month exactly once, and says which thread failed and why', async () => {
    const manifest = loadManifest()
    const manifestAds = manifest.reduce((n, m) => n + m.ads, 0)
    const done = await waitFor(
      'distributed replay of all months',
      status,
      (s) => !s.backfill.running && s.backfill.threads.total === 78 && s.ads.extracted >= manifestAds,
      780_000,
      2000,
    ).catch((err: Error) => {
      throw new Error(
        `${err.message}\n--- role output (tail) ---\n${roles.map((r) => r.output().slice(-3000)).join('\n')}`,
      )
    })
    expect(done.mode).toBe('distributed')
    expect(done.ads).toEqual({ raw: 39_751, extracted: 39_751 })
    // 2018-06 was recorded with its first page only: its "More" page is a 404, recorded with the reason.
    expect(done.backfill.threads).toEqual({ total: 78, done: 77, failed: 1 })
    expect(done.backfill.failedUnits).toMatchObject([{ label: '2018-06' }])
    expect(done.backfill.failedUnits[0]!.error).toMatch(/404/)

    const rs = await ch.query({
      query: 'SELECT thread_id, uniqExact(ad_id) AS n FROM ads FINAL GROUP BY thread_id',
      format: 'JSONEachRow',
    })
    const byThread = new Map(
      (await rs.json<{ thread_id: string; n: string }>()).map((r) => [r.thread_id, Number(r.n)]),
    )
    const mismatches = manifest
      .filter((m) => byThread.get(String(m.thread_id)) !== m.ads)
      .map((m) => `${m.month}: expected ${m.ads}, stored ${byThread.get(String(m.thread_id)) ?? 0}`)
    expect(mismatches).toEqual([])
  }, 800_000)
})
