// The page-parse worker for real (a worker thread running the sources' parsers): results equal the
// in-thread parse, a page over the deadline or the memory limit is refused with the reason and the
// worker replaced, and the main thread keeps running while a page is parsed.
import { readFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { readCareersPage } from '../sources/jsonld/parse.ts'
import { PageParserPool, PageRefusedError } from './pool.ts'

const kotlinAd = readFileSync(
  new URL('../sources/jsonld/fixtures/ad-senior-backend-engineer-kotlin.html', import.meta.url),
  'utf8',
)
// Within every parse limit, but a large tree: ~240k elements in ~8 MB.
const bigPage = `<div>${`<a href="/jobs/${'x'.repeat(12)}">y</a>`.repeat(240_000)}</div>`
const mediumPage = `<div>${'<a href="/jobs/1">y</a>'.repeat(60_000)}</div>`
const careers = (html: string) =>
  ({
    kind: 'careers-page',
    html,
    pageUrl: 'https://nordlys.example/jobs/a',
    options: { links: true },
  }) as const

describe('PageParserPool', () => {
  const pools: PageParserPool[] = []
  const pool = (options = { timeoutMs: 60_000, maxMemoryMb: 512 }) => {
    const p = new PageParserPool(options)
    pools.push(p)
    return p
  }
  afterAll(async () => {
    for (const p of pools) await p.close()
  })

  it('answers what the parser answers in-thread (dates included), one worker for many pages', async () => {
    const parser = pool()
    const [a, b] = await Promise.all([parser.run(careers(kotlinAd)), parser.run(careers(kotlinAd))])
    const inThread = readCareersPage(kotlinAd, 'https://nordlys.example/jobs/a', { links: true })
    expect(a).toEqual(inThread)
    expect(b).toEqual(inThread)
    expect(a.ads[0]?.postedAt).toBeInstanceOf(Date)
    expect(parser.started).toBe(1)
  })

  it('reports a page over the parse limits as refused, like the in-thread parse', async () => {
    const page = await pool().run(careers('<div>'.repeat(100_000)))
    expect(page.refused).toBe('page refused: nested more than 256 elements deep')
  })

  it('refuses a page that takes longer than the deadline and carries on with a new worker', async () => {
    const parser = pool({ timeoutMs: 1, maxMemoryMb: 512 })
    const slow = parser.run(careers(bigPage))
    await expect(slow).rejects.toBeInstanceOf(PageRefusedError)
    await expect(slow).rejects.toThrow('page refused: parsing took longer than 1 ms')
    expect(parser.started).toBe(1)
    await parser.run(careers(bigPage)).catch(() => undefined)
    expect(parser.started).toBe(2)
  })

  it('refuses a page that needs more than the memory limit', async () => {
    const parser = pool({ timeoutMs: 120_000, maxMemoryMb: 64 })
    await expect(parser.run(careers(bigPage))).rejects.toThrow('page refused: parsing needed more than 64 MB')
    // The next page gets a fresh worker.
    expect((await parser.run(careers(kotlinAd))).ads).toHaveLength(1)
    expect(parser.started).toBe(2)
  })

  it('leaves the main thread free while it parses', async () => {
    const parser = pool()
    await parser.run(careers(kotlinAd)) // worker loaded
    let ticks = 0
    let parsing = true
    const tick = (): void => {
      ticks++
      if (parsing) setImmediate(tick)
    }
    setImmediate(tick)
    const page = await parser.run(careers(mediumPage))
    parsing = false
    expect(page.links).toHaveLength(1) // one distinct ad link, 60k times
    // In-thread, the parse would have blocked the event loop: no tick until it ended.
    expect(ticks).toBeGreaterThan(10)
  })
})
