// Outages in distributed mode: a real redis-server stopped and restarted mid-run, then the
// ClickHouse server (the chDB-backed HTTP fixture) gone for 30 s. While each is down, /healthz
// says which and answers 503, API calls that need it answer 503 with a reason instead of hanging,
// and the log says "down" once, not per reconnect attempt. When it returns, work resumes by
// itself and the final numbers are exact: nothing lost, nothing counted twice. Nothing here is
// bounded by elapsed time, so a busy machine only makes it slower: each wait fails after a count of
// polls (without progress, where there is a count), each server start when the server exits first,
// the API's requests are not cut short (API_TIMEOUT_MS of a day), /healthz is polled rather than
// read once (its ClickHouse ping has 2 s), and the test and its set-up have no timeout (0); a hang
// is left to the CI job's own limit. The work still pending when ClickHouse goes away is held back
// by a gate, not by the machine's pace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultHiringSite } from './support/hiring-site.ts'
import { startHnFixtureServer, type RunningFixture } from './support/hn-fixture-server.ts'
import {
  spawnClickHouseHttpFixture,
  type SpawnedClickHouseHttpFixture,
} from './support/clickhouse-http-fixture.ts'
import { freePort, startRedis } from './support/redis-server.ts'
import { startApiRole, startRole, type RoleProcess } from './support/role-process.ts'
import { tempDir, testEnv } from './support/test-config.ts'
import { waitForPolls, waitForProgress } from './support/wait.ts'

const site = defaultHiringSite(4)
/**
 * The last thread's second page (40 of the 240 ads) is answered only once the gate opens, when
 * ClickHouse is down: work is pending through both outages however fast the rest goes.
 */
let openGate = () => {}
const gate = new Promise<void>((resolve) => (openGate = resolve))
const [heldThread] = site.stories
  .map((s) => s.id)
  .sort()
  .slice(-1)
const gatedSite = {
  ...site,
  page: async (id: string, page: number) => {
    if (id === heldThread && page === 2) await gate
    return site.page(id, page)
  },
}
let fixture: RunningFixture
let redis: Awaited<ReturnType<typeof startRedis>>
let clickhouse: SpawnedClickHouseHttpFixture
const redisDir = tempDir('redis-aof')
const chDir = tempDir('ch-outage')
let chPort = 0
const roles: RoleProcess[] = []
let apiPort = 0

interface Status {
  ads: { raw: number; extracted: number }
  backfill: { running: boolean; threads: { done: number; total: number } }
}

/** One API answer (the API role bounds its own requests: API_TIMEOUT_MS). */
async function get(path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`http://127.0.0.1:${apiPort}${path}`)
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}
const status = async () => (await get('/api/v1/status')).body as unknown as Status
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
/** A timeout of 0: vitest and the start-up helpers wait without a clock. */
const NO_CLOCK = 0

/** How often the most repeated log message (module and text) occurs in a stretch of output. */
function maxRepeats(output: string): number {
  const seen = new Map<string, number>()
  for (const line of output.split('\n').filter(Boolean)) {
    let key = line
    try {
      const entry = JSON.parse(line) as { module?: string; msg?: string }
      key = `${entry.module ?? ''}|${entry.msg ?? ''}`
    } catch {
      // a plain line counts as itself
    }
    seen.set(key, (seen.get(key) ?? 0) + 1)
  }
  return Math.max(0, ...seen.values())
}
const count = (text: string, pattern: RegExp) => text.match(new RegExp(pattern, 'g'))?.length ?? 0

beforeAll(async () => {
  fixture = await startHnFixtureServer(gatedSite, { delayMs: 150 })
  redis = await startRedis({ dir: redisDir, startTimeoutMs: NO_CLOCK })
  chPort = await freePort()
  clickhouse = await spawnClickHouseHttpFixture({ path: chDir, port: chPort, startTimeoutMs: NO_CLOCK })
  const env = testEnv(fixture.url, {
    REDIS_URL: redis.url,
    CLICKHOUSE_URL: clickhouse.url,
    QUEUE_PREFIX: `o${Date.now()}`,
    QUEUE_LOCK_MS: '3000',
    EXTRACT_BATCH: '5',
    // One scrape slot is held by the gated page; the other reads the rest of the threads.
    SCRAPE_CONCURRENCY: '2',
    // The held page is answered when the gate opens, not timed out before.
    HTTP_TIMEOUT_MS: String(24 * 3_600_000),
    EXTRACT_CONCURRENCY: '1',
    WRITER_FLUSH_MS: '200',
    LOG_LEVEL: 'info',
    // The API answers late rather than 504 after 15 s: no request is bounded by elapsed time
    // (a dependency that is down still fails at once, its connection refused).
    API_TIMEOUT_MS: String(24 * 3_600_000),
    // Live answers are never replayed: the first poll after an outage begins sees it, so no wait
    // (and no clock) decides what these checks read.
    API_CACHE_VERSION_MS: '0',
  })
  const api = await startApiRole(env, NO_CLOCK)
  roles.push(api.role)
  apiPort = api.port
  roles.push(startRole('scrape', env), startRole('extract', env))
}, NO_CLOCK)

afterAll(async () => {
  openGate()
  await Promise.all(roles.map((r) => r.kill('SIGTERM')))
  await clickhouse?.stop()
  await redis?.stop()
  await fixture?.close()
}, NO_CLOCK)

describe('dependency outages', () => {
  it(
    'tells the truth while Redis or ClickHouse is down and resumes to exact numbers',
    async () => {
      // /healthz gives ClickHouse's ping 2 s: polled until both are up, so a slow first ping on a
      // busy machine is one poll more, not a failure.
      const healthy = await waitForPolls(
        'healthz ok at start',
        () => get('/healthz'),
        (h) => h.status === 200,
      )
      expect(healthy.body).toMatchObject({ ok: true, clickhouse: { up: true }, queue: { up: true } })
      await waitForProgress(
        'some ads extracted',
        status,
        (s) => s.ads.extracted > 0,
        (s) => s.ads.raw,
      ).catch((err: Error) => {
        throw new Error(
          `${err.message}\n${roles.map((r) => `${r.role}: ${r.output().slice(-2000)}`).join('\n')}`,
        )
      })

      // Redis goes away.
      await redis.stop()
      const logBefore = roles.map((r) => r.output().length)
      const health = await waitForPolls(
        'healthz to report the queue down',
        () => get('/healthz'),
        (h) => h.status === 503,
      )
      expect(health.body).toMatchObject({ ok: false, clickhouse: { up: true }, queue: { up: false } })
      for (const path of ['/api/v1/status', '/api/v1/sources']) {
        const r = await get(path)
        expect(r.status, path).toBe(503)
        expect(r.body, path).toMatchObject({
          error: { code: 'unavailable', message: expect.stringMatching(/redis/) },
        })
      }
      await sleep(5_000)
      for (const [i, role] of roles.entries()) {
        const during = role.output().slice(logBefore[i])
        expect(
          count(during, /redis unreachable/),
          `${role.role}:\n${during.slice(0, 3000)}`,
        ).toBeLessThanOrEqual(1)
        // Reconnect attempts write no line of their own: no message repeats, however many attempts
        // the wait held (a count per message, not lines per second).
        expect(maxRepeats(during), `${role.role}:\n${during.slice(0, 3000)}`).toBeLessThanOrEqual(2)
      }
      redis = await startRedis({ port: redis.port, dir: redisDir, startTimeoutMs: NO_CLOCK })
      await waitForPolls(
        'healthz ok after Redis returns',
        () => get('/healthz'),
        (h) => h.status === 200,
      )
      // A role that saw Redis go says once that it is back; roles reconnect on their own backoff
      // (up to 10 s), so each is waited for rather than read at the moment /healthz recovered.
      for (const role of roles) {
        if (!/redis unreachable/.test(role.output())) continue
        await waitForPolls(
          `${role.role} to log that Redis is back`,
          async () => role.output(),
          (out) => /redis reachable again/.test(out),
        )
      }

      // ClickHouse goes away for 30 s while work is still pending: the held page's ads are not
      // stored yet (the gate opens once ClickHouse is down).
      const mid = await status()
      expect(mid.ads.extracted).toBeLessThan(site.totalAds)
      await clickhouse.stop()
      const chDown = await waitForPolls(
        'healthz to report ClickHouse down',
        () => get('/healthz'),
        (h) => h.status === 503,
      )
      expect(chDown.body).toMatchObject({ ok: false, clickhouse: { up: false }, queue: { up: true } })
      openGate()
      const st = await get('/api/v1/status')
      expect(st.status).toBe(503)
      expect(st.body).toMatchObject({ error: { code: 'unavailable' } })
      await sleep(30_000)
      clickhouse = await spawnClickHouseHttpFixture({ path: chDir, port: chPort, startTimeoutMs: NO_CLOCK })

      // However long the rest takes on a busy machine: the wait fails only when nothing advances
      // (ads stored, extracted, threads done) for 240 polls in a row, through the roles' reconnect.
      const after = await waitForProgress(
        'all ads extracted after both outages',
        status,
        (s) => !s.backfill.running && s.ads.extracted === site.totalAds,
        (s) => s.ads.raw + s.ads.extracted + s.backfill.threads.done,
        { everyMs: 500 },
      )
      expect(after.ads.raw).toBe(site.totalAds)
      expect(after.backfill.threads).toMatchObject({ done: 3, total: 3 })
      const trends = (await get('/api/v1/trends?skills=go,python,rust&interval=month')).body
      expect(
        (trends.points as { period: string; skill: string; ads: number; total: number }[]).map(
          ({ period, skill, ads, total }) => ({ period, skill, ads, total }),
        ),
      ).toEqual(site.expected(['go', 'python', 'rust']))
      await waitForPolls(
        'healthz ok at the end',
        () => get('/healthz'),
        (h) => h.status === 200,
      )
    },
    NO_CLOCK,
  )
})
