// A thread page that keeps failing: once the queue gives up, the thread is recorded as failed
// with the reason (status and source health say so, the backfill is not "running" for ever), and
// the scheduler tries it again after its backoff, when it succeeds and every ad is counted once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startRuntime, type Runtime } from 'stackradar/runtime'
import { queues } from '@stackradar/core/queue'
import { defaultHiringSite } from './support/hiring-site.ts'
import { startHnFixtureServer, type RunningFixture } from './support/hn-fixture-server.ts'
import { tempDir, testConfig } from './support/test-config.ts'
import { waitFor } from './support/wait.ts'

const site = defaultHiringSite()
const tries = queues.scrape.options.attempts
let fixture: RunningFixture
let runtime: Runtime

async function api<T>(path: string): Promise<T> {
  return (await (await fetch(`http://127.0.0.1:${runtime.port}${path}`)).json()) as T
}
type Status = {
  ads: { raw: number; extracted: number }
  backfill: {
    running: boolean
    threads: { total: number; done: number; failed: number }
    failedUnits: { label: string; error: string; failures: number; retryAt: string }[]
  }
}

beforeAll(async () => {
  // Page 2 of the September thread answers 500 to every try the queue makes, then recovers.
  fixture = await startHnFixtureServer(site, {
    failFirst: [{ pathPrefix: '/item?id=44300000&p=2', status: 500, times: tries }],
  })
  runtime = await startRuntime(
    testConfig(fixture.url, { DATA_DIR: tempDir('thread-failure'), HTTP_RETRIES: '0', LOG_LEVEL: 'error' }),
    ['api', 'scheduler', 'scrape', 'extract'],
  )
})

afterAll(async () => {
  await runtime?.stop('test done')
  await fixture?.close()
})

describe('a thread whose page keeps failing', () => {
  it('is marked failed with the reason once the queue gives up, and the backfill ends', async () => {
    const status = await waitFor(
      'the failing thread to be given up',
      () => api<Status>('/api/v1/status'),
      (s) => !s.backfill.running && s.backfill.threads.failed === 1,
    )
    expect(status.backfill.threads).toEqual({ total: 3, done: 2, failed: 1 })
    const [unit] = status.backfill.failedUnits
    expect(unit).toMatchObject({ label: '2026-09', failures: 1 })
    expect(unit!.error).toMatch(new RegExp(`gave up after ${tries} tries: .*HTTP 500`))
    expect(Date.parse(unit!.retryAt) - Date.now()).toBeGreaterThan(10 * 60_000) // backoff, not now
    // Page 1 of that thread was stored; nothing of page 2.
    expect(status.ads.raw).toBe(site.totalAds - 10)
    const sources = await api<{ sources: { id: string; threadsFailed: number; lastError: string | null }[] }>(
      '/api/v1/sources',
    )
    const hn = sources.sources.find((s) => s.id === 'hn')!
    expect(hn.threadsFailed).toBe(1)
    expect(hn.lastError).toMatch(/gave up after/)
  })

  it('is not retried before its backoff, and is retried after it, counting every ad once', async () => {
    const scheduler = runtime.scheduler!
    expect(await scheduler.resumeUnfinishedTasks({ failedOnly: true })).toBe(0)
    const later = Date.now() + 16 * 60_000
    expect(await scheduler.resumeUnfinishedTasks({ failedOnly: true, now: later })).toBe(1)
    const status = await waitFor(
      'the retried thread to finish',
      () => api<Status>('/api/v1/status'),
      (s) => !s.backfill.running && s.backfill.threads.done === 3 && s.ads.extracted === site.totalAds,
    )
    expect(status.backfill.threads).toEqual({ total: 3, done: 3, failed: 0 })
    expect(status.backfill.failedUnits).toEqual([])
    expect(status.ads.raw).toBe(site.totalAds)
    const trends = await api<{ points: { period: string; skill: string; ads: number; total: number }[] }>(
      '/api/v1/trends?skills=python,go&interval=month',
    )
    expect(trends.points.map(({ period, skill, ads, total }) => ({ period, skill, ads, total }))).toEqual(
      site.expected(['python', 'go']),
    )
  })
})
