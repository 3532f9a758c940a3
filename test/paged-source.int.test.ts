// A new paged source needs one module and one registration: a small monthly-thread source
// (test/support/monthly-thread-source.ts), read from a local HTTP server through the real
// pipeline (scheduler → discover → unit pages → chDB → extract → API). Every unit records pages,
// expected vs stored ads and its status; a unit whose page vanished is failed with the reason,
// keeps the ads read so far and has a retry time; source health and coverage show it all.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startRuntime, type Runtime } from 'stackradar/runtime'
import { registerCrawlSource } from '@stackradar/scraper'
import { crawlState } from '@stackradar/core/tables'
import { monthlyThreadSource } from './support/monthly-thread-source.ts'
import { tempDir, testConfig } from './support/test-config.ts'
import { waitFor } from './support/wait.ts'

const ad = (id: string, skills: string) => ({
  id,
  html: `Acme ${id} | Backend engineer | ${skills}`,
  time: '2026-07-02T10:00:00.000Z',
})
// Thread t1: two pages (3 + 2 ads). Thread t2: one page that says 4 ads but has 3 (one deleted,
// empty). Thread t3: page 1 then a page 2 that is gone (404).
const pages: Record<string, { count: number; ads: ReturnType<typeof ad>[]; next: number | null }> = {
  't1:1': { count: 3, ads: [ad('101', 'Python'), ad('102', 'Go'), ad('103', 'Python, Go')], next: 2 },
  't1:2': { count: 2, ads: [ad('104', 'Rust'), ad('105', 'Python')], next: null },
  't2:1': {
    count: 4,
    ads: [ad('201', 'Python'), ad('202', 'Go'), ad('203', 'Java'), { ...ad('204', ''), html: '' }],
    next: null,
  },
  't3:1': { count: 2, ads: [ad('301', 'Python'), ad('302', 'Kotlin')], next: 2 },
}
const threads = [
  { id: 't1', month: '2026-07', createdAt: '2026-07-01T15:00:00.000Z' },
  { id: 't2', month: '2026-08', createdAt: '2026-08-01T15:00:00.000Z' },
  { id: 't3', month: '2026-09', createdAt: '2026-09-01T15:00:00.000Z' },
]

let server: Server
let baseUrl: string
let runtime: Runtime
const api = async <T>(path: string) =>
  (await (await fetch(`http://127.0.0.1:${runtime.port}${path}`)).json()) as T

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://local')
    const thread = /^\/threads\/(\w+)\.json$/.exec(url.pathname)?.[1]
    const body =
      url.pathname === '/threads.json'
        ? threads
        : thread
          ? pages[`${thread}:${url.searchParams.get('page') ?? '1'}`]
          : undefined
    if (body === undefined) res.writeHead(404).end('not found')
    else res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  registerCrawlSource(monthlyThreadSource)

  const dir = tempDir('paged-source')
  const sourcesFile = join(dir, 'sources.json')
  writeFileSync(
    sourcesFile,
    JSON.stringify({
      allowPrivate: ['127.0.0.1'],
      sources: [{ id: 'monthly-jobs', kind: 'monthly-thread', baseUrl, config: {} }],
    }),
  )
  // HN's stand-in is the same server: it has no "Who is hiring?" index, so HN finds no threads.
  runtime = await startRuntime(
    testConfig(baseUrl, { DATA_DIR: join(dir, 'data'), SOURCES_FILE: sourcesFile }),
    ['api', 'scheduler', 'scrape', 'extract'],
  )
})

afterAll(async () => {
  await runtime?.stop('test done')
  await new Promise((r) => server?.close(r))
})

describe('a new paged source', () => {
  it('is read unit by unit, page by page, with expected vs stored per unit', async () => {
    const status = await waitFor(
      'every unit read or failed',
      () => runtime.status(),
      (s) =>
        s.backfill.threads.done === 2 && s.backfill.threads.failed === 1 && s.ads.extracted === s.ads.raw,
      60_000,
    )
    expect(status.ads).toEqual({ raw: 10, extracted: 10 })
    const coverage = await crawlState.coverage(runtime.ch.client, 'monthly-jobs')
    expect(
      coverage.map(({ unit, label, status, pages, pagesFailed, expected, stored }) => ({
        unit,
        label,
        status,
        pages,
        pagesFailed,
        expected,
        stored,
      })),
    ).toEqual([
      { unit: 't1', label: '2026-07', status: 'done', pages: 2, pagesFailed: 0, expected: 5, stored: 5 },
      { unit: 't2', label: '2026-08', status: 'done', pages: 1, pagesFailed: 0, expected: 4, stored: 3 },
      { unit: 't3', label: '2026-09', status: 'failed', pages: 1, pagesFailed: 1, expected: 2, stored: 2 },
    ])
  })

  it('counts its ads in the charts like any other source', async () => {
    const t = await api<{ points: { skill: string; ads: number; total: number }[] }>(
      '/api/v1/trends?skills=python,go&interval=year&source=monthly-thread',
    )
    expect(t.points.map((p) => [p.skill, p.ads, p.total])).toEqual([
      ['go', 3, 10],
      ['python', 5, 10],
    ])
  })

  it('shows the failed unit with its reason and retry time on status and source health', async () => {
    const status = await runtime.status()
    expect(status.backfill.failedUnits).toHaveLength(1)
    const [failed] = status.backfill.failedUnits
    expect(failed).toMatchObject({ source: 'monthly-jobs', label: '2026-09', failures: 1 })
    expect(failed!.error).toMatch(/threads\/t3\.json\?page=2: HTTP 404/)
    expect(Date.parse(failed!.retryAt!)).toBeGreaterThan(Date.now())
    const { sources } = await api<{ sources: Record<string, unknown>[] }>('/api/v1/sources')
    expect(sources.find((s) => s.id === 'monthly-jobs')).toMatchObject({
      kind: 'monthly-thread',
      threadsDone: 2,
      threadsFailed: 1,
      unitsTotal: 3,
      pagesFailed: 1,
      expected: 11,
      stored: 10,
      lastError: expect.stringMatching(/HTTP 404/),
      nextRetryAt: failed!.retryAt,
    })
  })
})
