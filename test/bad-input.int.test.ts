// Bad input never stops the pipeline or loses stored ads: a thread whose page is an error page
// served with 200, a thread that vanished (404) and an ad of hostile HTML are each logged and
// recorded, while the good threads are stored in full and the API keeps answering.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startRuntime, type Runtime } from 'stackradar/runtime'
import { createHiringSite } from './support/hiring-site.ts'
import { startHnFixtureServer, type RunningFixture } from './support/hn-fixture-server.ts'
import { hiringTitle, renderThreadPage } from './support/hn-render.ts'
import { tempDir, testConfig } from './support/test-config.ts'
import { waitFor } from './support/wait.ts'

const at = (m: string) => new Date(`${m}-01T15:00:00Z`)
const good = createHiringSite([
  { month: '2026-07', threadId: '44100000', createdAt: at('2026-07'), pages: [10] },
])
const hostile =
  '<script>alert(1)</script>' +
  // Deep, but within the parse bounds (256 levels): a page nested deeper is refused whole, which
  // test/hostile-hosts.int.test.ts covers.
  '<div>'.repeat(200) +
  'Evil | Python dev | ' +
  '\u202e\u0000\uffff'.repeat(100) +
  '&#x0;&#99999999;'
let fixture: RunningFixture
let runtime: Runtime

beforeAll(async () => {
  fixture = await startHnFixtureServer({
    stories: [
      ...good.stories,
      { id: '44200000', title: hiringTitle('2026-08'), createdAt: at('2026-08') },
      { id: '44300000', title: hiringTitle('2026-09'), createdAt: at('2026-09') },
      { id: '44400000', title: hiringTitle('2026-10'), createdAt: at('2026-10') },
    ],
    page: (id, p) => {
      if (id === '44200000')
        return '<html><body>Sorry, we are not able to serve your requests this quickly.</body></html>'
      if (id === '44300000') return null // the thread vanished
      if (id === '44400000') {
        return renderThreadPage({
          threadId: id,
          month: '2026-10',
          createdAt: at('2026-10'),
          comments: [{ id: '44400001', author: 'x', time: at('2026-10'), html: hostile }],
        })
      }
      return good.page(id, p)
    },
  })
  runtime = await startRuntime(testConfig(fixture.url, { DATA_DIR: tempDir('bad') }), [
    'api',
    'scheduler',
    'scrape',
    'extract',
  ])
})

afterAll(async () => {
  await runtime?.stop('test done')
  await fixture?.close()
})

describe('bad input', () => {
  it('stores the good threads, records the bad ones as failed, and keeps serving', async () => {
    const s = await waitFor(
      'good threads done, bad ones failed',
      async () =>
        (await (await fetch(`http://127.0.0.1:${runtime.port}/api/v1/status`)).json()) as {
          ads: { raw: number; extracted: number }
          backfill: { running: boolean; threads: { total: number; done: number; failed: number } }
          queues: { scrape: { waiting: number; active: number } }
        },
      (s) => s.backfill.threads.done === 2 && s.backfill.threads.failed === 2 && s.ads.extracted === 11,
      90_000,
    )
    expect(s.ads.raw).toBe(11)
    const tasks = await runtime.ch.client.query({
      query: "SELECT unit AS ref, status, error FROM crawl_state FINAL WHERE status = 'failed' ORDER BY ref",
      format: 'JSONEachRow',
    })
    const failed = await tasks.json<{ ref: string; error: string }>()
    expect(failed.map((t) => t.ref)).toEqual(['44200000', '44300000'])
    expect(failed[0]!.error).toMatch(/unexpected markup at http:\/\/127\.0\.0\.1:\d+\/item\?id=44200000/)
    expect(failed[1]!.error).toMatch(/404/)
    const trends = await fetch(`http://127.0.0.1:${runtime.port}/api/v1/trends?skills=python&interval=year`)
    expect(trends.status).toBe(200)
  })
})
