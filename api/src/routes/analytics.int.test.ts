// The analytics endpoints through the app (createApp().request()) on a real chDB with fixture ads:
// filters validated with the allowed values in the 400, CSV with the same rows, ETag / 304,
// compression, limits. The numbers themselves are checked against oracles in core's tests.
import { gunzipSync, brotliDecompressSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'csv-parse/sync'
import type { ClickHouseHandle } from '@stackradar/core/clickhouse'
import { InProcessQueue } from '@stackradar/core/queue'
import { logger } from '@stackradar/core/logger'
import { fixtureSet, openTempClickHouse, writeAds } from '@stackradar/core/analytics/testing'
import { createApp } from '../app.ts'

// Loosely typed on purpose: the test reads the JSON as a client would.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = Record<string, any>
let ch: ClickHouseHandle
let app: ReturnType<typeof createApp>

beforeAll(async () => {
  ch = await openTempClickHouse()
  await writeAds(ch, fixtureSet())
  app = createApp({
    ch: ch.client,
    queue: new InProcessQueue(),
    log: logger('test'),
    sources: [],
  })
})
afterAll(async () => ch?.close())

const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers })
const json = async (path: string) => {
  const res = await get(path)
  return { status: res.status, body: (await res.json()) as Body }
}

describe('analytics API', () => {
  it('rejects unknown filter values naming the parameter and listing what is allowed', async () => {
    const r = await json('/api/v1/rankings?source=greenhouse')
    expect(r.status).toBe(400)
    expect(r.body.error).toEqual({
      code: 'bad_request',
      param: 'source',
      message: "source: unknown value 'greenhouse'; allowed: board-a, hn",
    })
    const bad = await json('/api/v1/breakdown?facet=planet')
    expect(bad.status).toBe(400)
    expect(bad.body.error.param).toBe('facet')
    expect(bad.body.error.message).toMatch(/work_mode, country, region/)
    const range = await json('/api/v1/salaries?from=1990-01&to=2015-01')
    expect(range.body.error.message).toMatch(/at most 20 years/)
    const many = await json(
      `/api/v1/cooccurrence?skills=${Array.from({ length: 21 }, (_, i) => `s${i}`).join(',')}`,
    )
    expect(many.body.error).toMatchObject({ param: 'skills', message: 'skills: at most 20 skills' })
    const limit = await json('/api/v1/rankings?limit=500')
    expect(limit.body.error.message).toBe('limit: an integer from 1 to 200')
  })

  it('answers rankings, rising, salaries, cooccurrence, breakdown and a skill profile, echoing filters', async () => {
    const rising = await json(
      '/api/v1/rising?from=2017-01&to=2017-12&compare_from=2016-01&compare_to=2016-12&category=language&min_count=10',
    )
    expect(rising.status).toBe(200)
    expect(rising.body.filters).toMatchObject({
      from: '2017-01-01',
      to: '2017-12-31',
      category: ['language'],
    })
    expect(rising.body.sort).toBe('change')
    const changes = rising.body.ranked.map((r: { changePoints: number }) => r.changePoints)
    expect(changes).toEqual([...changes].sort((a, b) => b - a))
    expect(rising.body.ranked.every((r: { category: string }) => r.category === 'language')).toBe(true)

    const sal = await json('/api/v1/salaries?skills=go,java&interval=year&currency=eur')
    expect(sal.body.currency).toBe('EUR')
    expect(sal.body.rates).toMatchObject({ perUsd: 0.86 })
    expect(sal.body.cells.length).toBeGreaterThan(0)
    expect((await json('/api/v1/salaries?currency=XYZ')).body.error.param).toBe('currency')

    const co = await json('/api/v1/cooccurrence?skills=python&category=database')
    expect(co.body.rows.map((r: { skill: string }) => r.skill).sort()).toEqual([
      'mongodb',
      'mysql',
      'postgresql',
    ])

    const bd = await json('/api/v1/breakdown?facet=region&interval=all&region=europe')
    expect(bd.body.rows.map((r: { value: string }) => r.value)).toEqual(['europe'])

    const p = await json('/api/v1/skills/go?min_count=5')
    expect(p.status).toBe(200)
    expect(p.body.skill).toMatchObject({ id: 'go', name: 'Go', categoryLabel: 'Languages' })
    expect(p.body.cooccurring.length).toBeGreaterThan(0)
    expect(p.body.ranking.rank).toBeGreaterThan(0)
    expect((await json('/api/v1/skills/nosuchskill')).status).toBe(400)
  })

  it('gives the same rows as CSV with a header, by format=csv or Accept: text/csv', async () => {
    const j = await json('/api/v1/breakdown?facet=work_mode&interval=year')
    for (const res of [
      await get('/api/v1/breakdown?facet=work_mode&interval=year&format=csv'),
      await get('/api/v1/breakdown?facet=work_mode&interval=year', { Accept: 'text/csv' }),
    ]) {
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/)
      const rows = parse(await res.text(), { columns: true, cast: true }) as Record<string, unknown>[]
      expect(rows).toEqual(j.body.rows)
    }
  })

  it('sends ETag and Cache-Control, 304 on If-None-Match, and compresses with brotli or gzip', async () => {
    const path = '/api/v1/rankings?min_count=1'
    const first = await get(path)
    const tag = first.headers.get('etag')!
    expect(tag).toMatch(/^".+"$/)
    expect(first.headers.get('cache-control')).toMatch(/max-age=\d+/)
    const again = await get(path, { 'If-None-Match': tag })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
    const plain = await first.text()
    const br = await get(path, { 'Accept-Encoding': 'br, gzip' })
    expect(br.headers.get('content-encoding')).toBe('br')
    const brBytes = Buffer.from(await br.arrayBuffer())
    expect(brotliDecompressSync(brBytes).toString()).toBe(plain)
    // A repeat is served the body compressed the first time (kept by content hash): same bytes.
    const brAgain = await get(path, { 'Accept-Encoding': 'br, gzip' })
    expect(Buffer.from(await brAgain.arrayBuffer()).equals(brBytes)).toBe(true)
    const gz = await get(path, { 'Accept-Encoding': 'gzip' })
    expect(gz.headers.get('content-encoding')).toBe('gzip')
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(plain)
  })

  it('compresses once where two mounts match a path (/skills and /skills/*)', async () => {
    const plain = await (await get('/api/v1/skills')).text()
    const br = await get('/api/v1/skills', { 'Accept-Encoding': 'br' })
    expect(br.headers.get('vary')).toBe('Accept, Accept-Encoding')
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(plain)
  })
})

describe('health', () => {
  it('reports ClickHouse and queue reachable and the newest ad per source', async () => {
    const res = await get('/api/v1/health')
    expect(res.status).toBe(200)
    const h = (await res.json()) as Body
    expect(h.clickhouse.ok && h.queue.ok).toBe(true)
    const hn = h.sources.find((s: { source: string }) => s.source === 'hn')
    expect(hn.newestPostedAt.slice(0, 4)).toBe('2017')
    expect(hn.newestAgeHours).toBeGreaterThan(24 * 365)
  })
})

describe('OpenAPI document', () => {
  it('lists every analytics endpoint with its limits', async () => {
    const doc = (await (await get('/api/openapi.json')).json()) as Body
    for (const path of [
      '/api/v1/rankings',
      '/api/v1/rising',
      '/api/v1/salaries',
      '/api/v1/cooccurrence',
      '/api/v1/breakdown',
      '/api/v1/skills/{id}',
      '/api/v1/health',
    ])
      expect(doc.paths[path]?.get, path).toBeDefined()
    const text = JSON.stringify(doc.paths['/api/v1/cooccurrence'])
    expect(text).toMatch(/at most 20/)
    expect(text).toMatch(/at most 20 years/)
    expect(JSON.stringify(doc.paths['/api/v1/rankings'])).toMatch(/1 to 200/)
  })
})

describe('trends, skills and ads additions', () => {
  it('trends carry Wilson bounds, whole categories and a rolling mean under the filters', async () => {
    const r = await json('/api/v1/trends?skills=go&categories=database&interval=year&rolling=2&country=US')
    expect(r.status).toBe(200)
    expect(r.body.filters.country).toEqual(['US'])
    const points = r.body.points as {
      kind: string
      skill: string
      share: number
      low: number
      high: number
    }[]
    expect(points.map((p) => `${p.kind}:${p.skill}`)).toEqual(
      expect.arrayContaining(['skill:go', 'category:database']),
    )
    for (const p of points) expect(p.low <= p.share && p.share <= p.high).toBe(true)
    const many = Array.from(
      { length: 11 },
      (_, i) => ['python', 'go', 'java', 'ruby', 'rust', 'scala'][i % 6],
    )
    expect(
      (await json(`/api/v1/trends?skills=${many.join(',')}&categories=${'database,cloud'}`)).status,
    ).toBe(200)
  })

  it('skills list labels and numbers, flagging skills without ads', async () => {
    const r = await json('/api/v1/skills?from=2017-01&to=2017-12&category=language')
    const go = r.body.skills.find((s: { id: string }) => s.id === 'go')
    expect(go).toMatchObject({ name: 'Go', categoryLabel: 'Languages', noData: false })
    expect(go.rank).toBeGreaterThan(0)
    expect(r.body.skills.find((s: { id: string }) => s.id === 'cobol').noData).toBe(true)
  })

  it('ads search pages by cursor under the filters', async () => {
    const first = await json('/api/v1/ads?skills=go,python&country=US&limit=3')
    expect(first.body.ads.length).toBe(3)
    const next = await json(`/api/v1/ads?skills=go,python&country=US&limit=3&cursor=${first.body.nextCursor}`)
    const ids = [...first.body.ads, ...next.body.ads].map((a: { adId: string }) => a.adId)
    expect(new Set(ids).size).toBe(ids.length)
    const times = [...first.body.ads, ...next.body.ads].map((a: { postedAt: string }) => a.postedAt)
    expect(times).toEqual([...times].sort().reverse())
  })
})

describe('coverage', () => {
  it('lists per source and month the ads captured, with complete and suspect flags', async () => {
    const r = await json('/api/v1/coverage?source=hn&from=2016-01&to=2017-12')
    expect(r.status).toBe(200)
    const rows = r.body.rows as { source: string; period: string; ads: number; complete: boolean }[]
    expect(rows.every((x) => x.source === 'hn' && x.period >= '2016-01-01' && x.period <= '2017-12-01')).toBe(
      true,
    )
    const jobs = fixtureSet().filter((a) => a.source === 'hn')
    expect(rows.reduce((n, x) => n + x.ads, 0)).toBe(new Set(jobs.map((a) => a.dedupe)).size)
    // No crawl unit is recorded here: nothing can be called complete.
    expect(rows.some((x) => x.complete)).toBe(false)
    const csv = await get('/api/v1/coverage?source=hn&format=csv')
    expect((await csv.text()).split('\n')[0]).toBe(
      'source,period,ads,expected,stored,units,unitsFailed,pagesFailed,complete,suspect,neighbourMedian',
    )
  })
})
