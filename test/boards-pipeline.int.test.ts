// Job boards end to end (embedded): Greenhouse + Lever APIs and a careers site with JSON-LD,
// served locally. The same job on two boards counts once, Lever's structured salary is used,
// an ad that leaves its board gets closed_at, unchanged ads are not stored again, and
// GET /api/v1/sources reports each board's health.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startRuntime, type Runtime } from 'stackradar/runtime'
import { backendJob, startBoardSite, type BoardSite } from './support/board-site.ts'
import { tempDir, testConfig } from './support/test-config.ts'
import { waitFor } from './support/wait.ts'

const g1 = backendJob('101', 'Acme', 'Senior Backend Engineer', ['Python', 'PostgreSQL'])
const g2 = backendJob('102', 'Acme', 'Platform Engineer', ['Golang', 'Kubernetes'])
const g3 = backendJob('103', 'Acme', 'Data Engineer', ['Python', 'Kafka'])
const l1 = { ...g1, id: '201', salary: { min: 70_000, max: 90_000, currency: 'EUR' } } // g1 again, on Lever
const l2 = backendJob('202', 'Acme', 'Rust Engineer', ['Rust'])
const c1 = backendJob('301', 'Beta', 'Backend Developer', ['Java', 'Spring Boot'])

let site: BoardSite
let runtime: Runtime

interface SourceRow {
  id: string
  adsSeen: number
  adsNew: number
  adsClosed: number
  lastSuccessAt: string | null
  lastError: string | null
}
const get = async <T>(path: string) =>
  (await (await fetch(`http://127.0.0.1:${runtime.port}${path}`)).json()) as T

async function idle(): Promise<void> {
  await waitFor(
    'queues idle',
    () => runtime.status(),
    (s) =>
      s.queues.scrape.waiting +
        s.queues.scrape.active +
        s.queues.extract.waiting +
        s.queues.extract.active ===
        0 && s.ads.extracted === s.ads.raw,
    60_000,
  )
}

beforeAll(async () => {
  site = await startBoardSite({ greenhouse: [g1, g2, g3], lever: [l1, l2], careers: [c1] })
  const dir = tempDir('boards')
  const sourcesFile = join(dir, 'sources.json')
  writeFileSync(
    sourcesFile,
    JSON.stringify({
      allowPrivate: ['127.0.0.1'],
      sources: [
        { id: 'gh-acme', kind: 'greenhouse', baseUrl: site.url, config: { board: 'acme' } },
        {
          id: 'lever-acme',
          kind: 'lever',
          baseUrl: site.url,
          config: { company: 'acme', companyName: 'Acme' },
        },
        { id: 'careers-beta', kind: 'jsonld', config: { url: `${site.url}/careers` } },
      ],
    }),
  )
  runtime = await startRuntime(
    testConfig(site.url, { DATA_DIR: join(dir, 'data'), SOURCES_FILE: sourcesFile }),
    ['api', 'scheduler', 'scrape', 'extract'],
  )
  await waitFor(
    'every board read',
    () => get<{ sources: SourceRow[] }>('/api/v1/sources'),
    (r) => r.sources.filter((s) => s.id !== 'hn').every((s) => s.lastSuccessAt !== null),
    60_000,
  )
  await idle()
})

afterAll(async () => {
  await runtime?.stop('test done')
  await site?.close()
})

describe('job boards pipeline', () => {
  it('counts the same job on two boards once', async () => {
    const status = await runtime.status()
    expect(status.ads).toMatchObject({ raw: 6, extracted: 6 })
    const t = await get<{ points: { skill: string; ads: number; total: number }[] }>(
      '/api/v1/trends?skills=python,go,rust,java&interval=month',
    )
    expect(t.points.map((p) => [p.skill, p.ads, p.total])).toEqual([
      ['go', 1, 5],
      ['java', 1, 5],
      ['python', 2, 5],
      ['rust', 1, 5],
    ])
  })

  it("uses Lever's structured salary", async () => {
    const rs = await runtime.ch.client.query({
      query:
        "SELECT salary_min, salary_max, salary_currency, salary_period, salary_source FROM ads FINAL WHERE ad_id = 'lever-acme:lever-201'",
      format: 'JSONEachRow',
    })
    expect(await rs.json()).toEqual([
      {
        salary_min: 70000,
        salary_max: 90000,
        salary_currency: 'EUR',
        salary_period: 'year',
        salary_source: 'structured',
      },
    ])
  })

  it('closes an ad that left its board and stores nothing unchanged again', async () => {
    site.set('greenhouse', [g1, g2])
    const rawBefore = (await runtime.status()).ads.raw
    await runtime.queue.enqueue('scrape', { kind: 'discover', source: 'gh-acme', all: true })
    const r = await waitFor(
      'second read of gh-acme',
      () => get<{ sources: SourceRow[] }>('/api/v1/sources'),
      (x) => x.sources.find((s) => s.id === 'gh-acme')?.adsClosed === 1,
      30_000,
    )
    expect(r.sources.find((s) => s.id === 'gh-acme')).toMatchObject({
      adsSeen: 2,
      adsNew: 0,
      adsClosed: 1,
      lastError: null,
    })
    await idle()
    expect((await runtime.status()).ads.raw).toBe(rawBefore)
    const closed = await runtime.ch.client.query({
      query: "SELECT ad_id FROM ad_presence FINAL WHERE source_key = 'gh-acme' AND closed_at IS NOT NULL",
      format: 'JSONEachRow',
    })
    expect(await closed.json()).toEqual([{ ad_id: 'gh-acme:103' }])
  })

  it('re-reads an unchanged board with a conditional request (304) and stores nothing', async () => {
    const rawBefore = (await runtime.status()).ads.raw
    await runtime.queue.enqueue('scrape', { kind: 'discover', source: 'lever-acme', all: true })
    await waitFor(
      '304 for lever',
      async () => site.requests.filter((r) => r === '304 /v0/postings/acme').length,
      (n) => n === 1,
      30_000,
    )
    await idle()
    expect((await runtime.status()).ads.raw).toBe(rawBefore)
  })

  it('records a board that vanished with its error and keeps its ads', async () => {
    site.vanish('lever')
    const rawBefore = (await runtime.status()).ads.raw
    await runtime.queue.enqueue('scrape', { kind: 'discover', source: 'lever-acme', all: true })
    const r = await waitFor(
      'lever error recorded',
      () => get<{ sources: SourceRow[] }>('/api/v1/sources'),
      (x) => Boolean(x.sources.find((s) => s.id === 'lever-acme')?.lastError),
      30_000,
    )
    expect(r.sources.find((s) => s.id === 'lever-acme')?.lastError).toMatch(/404/)
    await idle()
    expect((await runtime.status()).ads.raw).toBe(rawBefore)
    const open = await runtime.ch.client.query({
      query:
        "SELECT count() AS n FROM ad_presence FINAL WHERE source_key = 'lever-acme' AND closed_at IS NULL",
      format: 'JSONEachRow',
    })
    expect(await open.json()).toEqual([{ n: 2 }])
  })
})
