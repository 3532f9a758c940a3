// Embedded mode end to end: a local HN stand-in → scheduler → scrape → chDB → extract → API.
// The API must return exactly the numbers the generated site implies, survive a 503 and a 429,
// count nothing twice on a re-scan, and keep everything across a restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rollups, tallyUsable } from '@stackradar/core/tables'
import { startRuntime, type Runtime } from 'stackradar/runtime'
import { defaultHiringSite } from './support/hiring-site.ts'
import { startHnFixtureServer, type RunningFixture } from './support/hn-fixture-server.ts'
import { tempDir, testConfig } from './support/test-config.ts'
import { waitFor } from './support/wait.ts'

const site = defaultHiringSite()
let fixture: RunningFixture
let runtime: Runtime | undefined
const dataDir = tempDir('embedded')

async function api(path: string) {
  const res = await fetch(`http://127.0.0.1:${runtime!.port}${path}`)
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { points?: unknown[] } }
}

async function start(extra: Record<string, string> = {}) {
  runtime = await startRuntime(
    testConfig(fixture.url, { DATA_DIR: dataDir, HN_RESCAN_DAYS: '3650', ...extra }),
    ['api', 'scheduler', 'scrape', 'extract'],
  )
  await waitFor(
    'backfill to finish',
    () =>
      api('/api/v1/status').then(
        (r) => r.body as { ads: { raw: number; extracted: number }; backfill: { running: boolean } },
      ),
    (s) => !s.backfill.running && s.ads.extracted === site.totalAds,
  )
}

beforeAll(async () => {
  fixture = await startHnFixtureServer(site, {
    failFirst: [
      { pathPrefix: '/item?id=44300000&p=2', status: 503, times: 1 },
      { pathPrefix: '/api/v1/search_by_date', status: 429, times: 1 },
    ],
  })
  await start()
})

afterAll(async () => {
  await runtime?.stop('test done')
  await fixture?.close()
})

/** The plain share of a trend point (the API adds intervals, kind and completeness). */
function shareOnly(p: unknown) {
  const { period, skill, ads, total, share } = p as Record<string, unknown>
  return { period, skill, ads, total, share }
}

describe('embedded pipeline', () => {
  it('returns the exact trend numbers for the fixture threads', async () => {
    const { status, body } = await api('/api/v1/trends?skills=python,go,rust&interval=month')
    expect(status).toBe(200)
    const expected = site
      .expected(['python', 'go', 'rust'])
      .map((p) => ({ ...p, share: p.total ? Math.round((p.ads / p.total) * 1e6) / 1e6 : 0 }))
    expect(body.points!.map(shareOnly)).toEqual(expected)
  })

  it('stored every ad once, skipped replies, deleted and flagged rows, and retried the 503 and 429', async () => {
    const { body } = await api('/api/v1/status')
    expect(body).toMatchObject({
      mode: 'embedded',
      ads: { raw: 60, extracted: 60 },
      backfill: { threads: { total: 3, done: 3, failed: 0 } },
    })
    expect(
      fixture.requests.filter((r) => r.startsWith('/item?id=44300000&p=2')).length,
    ).toBeGreaterThanOrEqual(2)
  })

  it('shows why a skill was counted: the ad, the words that matched, its link', async () => {
    const { status, body } = await api('/api/v1/ads?skill=go&limit=2')
    expect(status).toBe(200)
    const ads = body.ads as { adId: string; url: string; evidence: string[]; source: string }[]
    expect(ads).toHaveLength(2)
    for (const ad of ads) {
      expect(ad.source).toBe('hn')
      expect(ad.evidence).toEqual(['Golang'])
      expect(ad.url).toBe(`${fixture.url}/item?id=${ad.adId.slice(3)}`)
    }
  })

  it('rejects bad parameters with 400 naming the parameter', async () => {
    const cases: [string, string][] = [
      ['/api/v1/trends?skills=python&interval=fortnight', 'interval'],
      ['/api/v1/trends?skills=nosuchskill', 'skills'],
      ['/api/v1/trends?interval=month', 'skills'],
      ['/api/v1/trends?skills=python&from=2026-13', 'from'],
      ["/api/v1/trends?skills=python&source=x'%20OR%201=1", 'source'],
      ['/api/v1/ads?skill=python&limit=0', 'limit'],
      ['/api/v1/ads?skills=go,nosuchskill', 'skills'],
    ]
    for (const [path, param] of cases) {
      const { status, body } = await api(path)
      expect(status, path).toBe(400)
      expect(body.error, path).toMatchObject({ code: 'bad_request', param })
    }
  })

  it('counts nothing twice when every thread is scanned again', async () => {
    await runtime!.scheduler!.tick()
    await waitFor(
      're-scan',
      async () => fixture.requests.filter((r) => r.startsWith('/item?id=44100000')).length,
      (n) => n >= 2,
    )
    await waitFor(
      'queues idle',
      () => api('/api/v1/status').then((r) => r.body as { backfill: { running: boolean } }),
      (s) => !s.backfill.running,
    )
    const { body } = await api('/api/v1/trends?skills=python,go,rust&interval=month')
    expect((body.points as { ads: number; total: number }[]).map((p) => [p.ads, p.total])).toEqual(
      site.expected(['python', 'go', 'rust']).map((p) => [p.ads, p.total]),
    )
  })

  it('builds the tallies in the idle upkeep and answers the same from them', async () => {
    // A minute's round with the extract queue idle: rollup upkeep, then the tallies' refresh.
    await runtime!.scheduler!.minute()
    expect(tallyUsable(await rollups.state(runtime!.ch.client))).toBe(true)
    const { body } = await api('/api/v1/trends?skills=python,go,rust&interval=month&source=hn')
    expect((body.points as { ads: number; total: number }[]).map((p) => [p.ads, p.total])).toEqual(
      site.expected(['python', 'go', 'rust']).map((p) => [p.ads, p.total]),
    )
  })

  it('keeps every ad across a restart on the same data directory', async () => {
    await runtime!.stop('restart')
    await start({ SCHEDULER_ENABLED: 'false' })
    const { body } = await api('/api/v1/trends?skills=python&interval=year')
    expect(body.points!.map(shareOnly)).toEqual([
      { period: '2026-01-01', skill: 'python', ads: 30, total: 60, share: 0.5 },
    ])
  })
})
