// Hostile and failing sites in the running pipeline (embedded): a careers site that drips its ad pages
// is treated as down by the circuit breaker and pages over the parse limits are refused; each board's
// health in /api/v1/sources and the HN thread's crawl task name the reason, and the others are read.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { crawlState } from '@stackradar/core/tables'
import { startRuntime, type Runtime } from 'stackradar/runtime'
import { startHnFixtureServer, type RunningFixture } from './support/hn-fixture-server.ts'
import { backendJob, startBoardSite, type BoardSite } from './support/board-site.ts'
import { tempDir, testConfig } from './support/test-config.ts'
import { waitFor } from './support/wait.ts'

interface SourceRow {
  id: string
  lastSuccessAt: string | null
  lastError: string | null
}

let runtime: Runtime
let good: BoardSite
let hostile: Server
let hostileUrl = ''
let hn: RunningFixture
const dripping = new Set<NodeJS.Timeout>()

beforeAll(async () => {
  // An HN thread whose page looks like an item page but nests 110k elements deep.
  hn = await startHnFixtureServer({
    stories: [
      {
        id: '4200',
        title: 'Ask HN: Who is hiring? (August 2026)',
        createdAt: new Date('2026-08-01T15:00:00Z'),
      },
    ],
    page: () => '<table class="comment-tree">' + '<div>'.repeat(110_000) + '</div>'.repeat(110_000),
  })
  good = await startBoardSite({ careers: [backendJob('1', 'Acme', 'Go Developer', ['Golang'])] })
  hostile = createServer((req, res) => {
    if (req.url === '/robots.txt') return res.writeHead(200).end('User-agent: *\nAllow: /\n')
    if (req.url === '/careers') {
      const links = Array.from({ length: 50 }, (_, i) => `<a href="/jobs/${i}">Job ${i}</a>`).join('')
      return res.writeHead(200, { 'content-type': 'text/html' }).end(links)
    }
    if (req.url === '/nested')
      return res.writeHead(200).end('<div>'.repeat(110_000) + '</div>'.repeat(110_000))
    // Ad pages drip: headers at once, then a byte now and then, never the end.
    res.writeHead(200, { 'content-type': 'text/html' })
    const drip = setInterval(() => res.write(' '), 20)
    dripping.add(drip)
    res.on('close', () => (clearInterval(drip), dripping.delete(drip)))
  })
  await new Promise<void>((r) => hostile.listen(0, '127.0.0.1', r))
  // A second name for the same server, so the nested page is on a host the breaker has not closed.
  const port = (hostile.address() as AddressInfo).port
  hostileUrl = `http://127.0.0.1:${port}`
  const dir = tempDir('hostile')
  const sourcesFile = join(dir, 'sources.json')
  writeFileSync(
    sourcesFile,
    JSON.stringify({
      allowPrivate: ['127.0.0.1', 'localhost'],
      sources: [
        { id: 'careers-good', kind: 'jsonld', config: { url: `${good.url}/careers` } },
        { id: 'careers-drip', kind: 'jsonld', config: { url: `${hostileUrl}/careers` } },
        { id: 'careers-nested', kind: 'jsonld', config: { url: `http://localhost:${port}/nested` } },
      ],
    }),
  )
  runtime = await startRuntime(
    testConfig(hn.url, {
      DATA_DIR: join(dir, 'data'),
      SOURCES_FILE: sourcesFile,
      ALLOW_PRIVATE_HOSTS: '127.0.0.1,localhost',
      HTTP_TIMEOUT_MS: '150',
      HTTP_RETRIES: '4',
      HOST_BREAKER_FAILURES: '3',
    }),
    ['api', 'scheduler', 'scrape', 'extract'],
  )
})

afterAll(async () => {
  await runtime?.stop('test done')
  for (const d of dripping) clearInterval(d)
  hostile?.closeAllConnections()
  await new Promise<void>((r) => (hostile ? hostile.close(() => r()) : r()))
  await good?.close()
  await hn?.close()
})

describe('hostile careers sites', () => {
  it('records why each failed in source health while the good one is read', async () => {
    const sources = await waitFor(
      'every board tried',
      async () =>
        (
          (await (await fetch(`http://127.0.0.1:${runtime.port}/api/v1/sources`)).json()) as {
            sources: SourceRow[]
          }
        ).sources,
      (rows) =>
        Boolean(rows.find((s) => s.id === 'careers-good')?.lastSuccessAt) &&
        Boolean(rows.find((s) => s.id === 'careers-drip')?.lastError) &&
        Boolean(rows.find((s) => s.id === 'careers-nested')?.lastError),
      100_000,
    )
    const byId = new Map(sources.map((s) => [s.id, s]))
    expect(byId.get('careers-drip')?.lastError).toMatch(
      /host 127\.0\.0\.1:\d+ treated as down until .* after \d+ consecutive failures \(last: .*timed out after 150 ms\)/,
    )
    expect(byId.get('careers-nested')?.lastError).toMatch(/page refused: nested more than 256 elements deep/)
    expect(byId.get('careers-drip')?.lastSuccessAt).toBeNull()
  }, 120_000)

  it('marks an HN thread whose page is over the parse limits failed, with the reason', async () => {
    const [task] = await waitFor(
      'thread failed',
      () => crawlState.ofSource(runtime.ch.client, 'hn'),
      (tasks) => tasks.some((t) => t.status === 'failed'),
      100_000,
    )
    expect(task).toMatchObject({ unit: '4200', status: 'failed' })
    expect(task?.error).toMatch(/\/item\?id=4200: page refused: nested more than 256 elements deep$/)
  }, 120_000)
})
