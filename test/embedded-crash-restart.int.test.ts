// A killed embedded process (SIGKILL in the middle of a backfill) loses no stored ad, and a
// restart on the same data directory resumes and ends with exactly the expected numbers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultHiringSite } from './support/hiring-site.ts'
import { startHnFixtureServer, type RunningFixture } from './support/hn-fixture-server.ts'
import { startRole, type RoleProcess } from './support/role-process.ts'
import { tempDir, testEnv } from './support/test-config.ts'
import { waitFor } from './support/wait.ts'

const site = defaultHiringSite(4)
let fixture: RunningFixture
let proc: RoleProcess | undefined
const env = () =>
  testEnv(fixture.url, {
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    EXTRACT_CONCURRENCY: '1',
    WRITER_FLUSH_MS: '100',
  })
const dataDir = tempDir('crash')

interface Status {
  ads: { raw: number; extracted: number }
  backfill: { running: boolean; threads: { done: number; total: number } }
}

async function startEmbedded(): Promise<number> {
  proc = startRole('all', env())
  return Promise.race([
    proc.listening,
    new Promise<number>((_, rej) =>
      setTimeout(() => rej(new Error(`did not start:\n${proc!.output()}`)), 60_000),
    ),
  ])
}

const status = (port: number) => async () =>
  (await (await fetch(`http://127.0.0.1:${port}/api/v1/status`)).json()) as Status

beforeAll(async () => {
  fixture = await startHnFixtureServer(site, { delayMs: 400 })
})
afterAll(async () => {
  await proc?.kill('SIGTERM')
  await fixture?.close()
})

describe('embedded crash and restart', () => {
  it('resumes after SIGKILL and counts every ad exactly once', async () => {
    let port = await startEmbedded()
    const mid = await waitFor('first ads stored', status(port), (s) => s.ads.raw > 0, 60_000, 100)
    expect(mid.backfill.threads.done).toBeLessThan(3)
    await proc!.kill('SIGKILL')

    port = await startEmbedded()
    const done = await waitFor(
      'resumed backfill',
      status(port),
      (s) => !s.backfill.running && s.ads.extracted === site.totalAds,
      120_000,
    )
    expect(done.ads.raw).toBe(site.totalAds)
    expect(done.backfill.threads).toMatchObject({ done: 3, total: 3 })
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/trends?skills=go,python&interval=month`)
    const body = (await res.json()) as {
      points: { period: string; skill: string; ads: number; total: number }[]
    }
    expect(body.points.map(({ period, skill, ads, total }) => ({ period, skill, ads, total }))).toEqual(
      site.expected(['go', 'python']),
    )
    expect(proc!.output()).toMatch(/resumedThreads/)
  })

  it('stops cleanly on SIGTERM within the deadline', async () => {
    const code = await proc!.kill('SIGTERM')
    expect(code).toBe(0)
    expect(proc!.output()).toContain('shutdown complete')
  })
})
