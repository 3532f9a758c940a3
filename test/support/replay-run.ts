// Runs the embedded pipeline over the recorded 2012–2018 HN corpus: used by the replay test and
// by `npm run bench:replay`.
import { startRuntime, type Runtime } from 'stackradar/runtime'
import { startHnFixtureServer, type RunningFixture } from './hn-fixture-server.ts'
import { loadManifest, replaySite, type ManifestEntry } from './replay-site.ts'
import { tempDir, testConfig } from './test-config.ts'
import { waitFor } from './wait.ts'

export interface ReplayRun {
  runtime: Runtime
  fixture: RunningFixture
  manifestAds: number
  seconds: number
  adsByThread(): Promise<Map<string, number>>
  status(): Promise<{
    ads: { raw: number; extracted: number }
    backfill: { running: boolean; threads: { total: number; done: number; failed: number } }
  }>
  close(): Promise<void>
}

export async function runReplay(
  opts: { dataDir?: string; extraEnv?: Record<string, string>; manifest?: ManifestEntry[] } = {},
): Promise<ReplayRun> {
  const manifest = opts.manifest ?? loadManifest()
  const manifestAds = manifest.reduce((n, m) => n + m.ads, 0)
  const fixture = await startHnFixtureServer(replaySite(manifest))
  const t0 = Date.now()
  const runtime = await startRuntime(
    testConfig(fixture.url, {
      DATA_DIR: opts.dataDir ?? tempDir('replay'),
      HN_SINCE: manifest[0]?.month ?? '2012-01',
      // The recorded corpus is HN's thread pages: read them as HTML, not through the Algolia API.
      HN_THREAD_READER: 'html',
      EXTRACT_BATCH: '500',
      WRITER_BATCH_ROWS: '20000',
      WRITER_FLUSH_MS: '300',
      SCRAPE_CONCURRENCY: '2',
      EXTRACT_CONCURRENCY: '2',
      HTTP_RETRIES: '1',
      ...opts.extraEnv,
    }),
    ['api', 'scheduler', 'scrape', 'extract'],
  )
  const status = async () => {
    const res = await fetch(`http://127.0.0.1:${runtime.port}/api/v1/status`)
    return (await res.json()) as Awaited<ReturnType<ReplayRun['status']>>
  }
  await waitFor(
    'replay of all months',
    status,
    (s) => !s.backfill.running && s.ads.extracted >= manifestAds,
    600_000,
    1000,
  )
  const seconds = (Date.now() - t0) / 1000
  return {
    runtime,
    fixture,
    manifestAds,
    seconds,
    status,
    async adsByThread() {
      const rs = await runtime.ch.client.query({
        query: 'SELECT thread_id, uniqExact(ad_id) AS n FROM ads FINAL GROUP BY thread_id',
        format: 'JSONEachRow',
      })
      return new Map(
        (await rs.json<{ thread_id: string; n: string }>()).map((r) => [r.thread_id, Number(r.n)]),
      )
    },
    async close() {
      await runtime.stop('replay done')
      await fixture.close()
    },
  }
}
