// The second way to read a thread: HN_THREAD_READER=algolia reads each thread through the HN
// Algolia items API (one request per thread) and must give exactly the same numbers as the HTML.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startRuntime, type Runtime } from 'stackradar/runtime'
import { defaultHiringSite } from './support/hiring-site.ts'
import { startHnFixtureServer, type RunningFixture } from './support/hn-fixture-server.ts'
import { tempDir, testConfig } from './support/test-config.ts'
import { waitFor } from './support/wait.ts'

const site = defaultHiringSite()
let fixture: RunningFixture
let runtime: Runtime

beforeAll(async () => {
  fixture = await startHnFixtureServer(site)
  runtime = await startRuntime(
    testConfig(fixture.url, { DATA_DIR: tempDir('algolia'), HN_THREAD_READER: 'algolia' }),
    ['api', 'scheduler', 'scrape', 'extract'],
  )
  await waitFor(
    'backfill',
    () => runtime.status(),
    (s) => !s.backfill.running && s.ads.extracted === site.totalAds,
  )
})
afterAll(async () => {
  await runtime?.stop('test done')
  await fixture?.close()
})

describe('HN threads through the Algolia items API', () => {
  it('stores every ad once with the same numbers as the HTML reader', async () => {
    const res = await fetch(
      `http://127.0.0.1:${runtime.port}/api/v1/trends?skills=python,go,rust&interval=month`,
    )
    const body = (await res.json()) as {
      points: { period: string; skill: string; ads: number; total: number }[]
    }
    expect(body.points.map(({ period, skill, ads, total }) => ({ period, skill, ads, total }))).toEqual(
      site.expected(['python', 'go', 'rust']),
    )
    expect(fixture.requests.some((r) => r.startsWith('/item'))).toBe(false)
    expect(fixture.requests.filter((r) => r.startsWith('/api/v1/items/'))).toHaveLength(3)
    expect((await runtime.status()).backfill.threads).toMatchObject({ total: 3, done: 3 })
  })
})
