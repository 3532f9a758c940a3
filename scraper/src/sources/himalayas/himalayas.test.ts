import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { fetchHttp, useLocalTestServer } from '../shared/test-server.ts'
import { himalayasSource } from './index.ts'
import { parseHimalayasPage } from './parse.ts'
import { recordedBoardFile } from '../shared/recorded-data.ts'

const page0 = readFileSync(new URL('./fixtures/jobs-page-0.json', import.meta.url), 'utf8')
const page1 = readFileSync(new URL('./fixtures/jobs-page-1.json', import.meta.url), 'utf8')
const recorded = recordedBoardFile('himalayas.ikevinxie.json')

describe('parseHimalayasPage', () => {
  it('maps jobs with structured salary and location restrictions', () => {
    const { ads, warnings, pageSize, totalCount } = parseHimalayasPage(JSON.parse(page0))
    expect(warnings).toEqual([])
    expect({ pageSize, totalCount }).toEqual({ pageSize: 2, totalCount: 3 })
    const [go, django] = ads
    expect(go).toMatchObject({
      sourceId: 'https://himalayas.app/companies/brightwave-energy/jobs/senior-go-engineer',
      url: 'https://himalayas.app/companies/brightwave-energy/jobs/senior-go-engineer',
      title: 'Senior Go Engineer',
      company: 'Brightwave Energy',
      location: 'United States, Canada',
      remote: true,
      employmentType: 'Full Time',
      salary: { min: 140000, max: 175000, currency: 'USD', period: 'year' },
      tags: ['Backend-Development', 'Golang'],
    })
    expect(go?.postedAt?.toISOString()).toBe(new Date((1772600000 - 3600) * 1000).toISOString())
    expect(go?.text).toBe('About\n\nGrid software in Go & gRPC on GCP.')
    // Only a minimum given: used for both ends; no location restriction: null.
    expect(django).toMatchObject({
      salary: { min: 60, max: 60, currency: 'EUR', period: 'hour' },
      location: null,
    })
    expect(parseHimalayasPage(JSON.parse(page1)).ads[0]?.salary).toBeNull()
  })

  it('skips a malformed job with a warning and rejects a body of the wrong shape', () => {
    const body = JSON.parse(page1)
    body.jobs.push({ title: 'No guid' })
    const { ads, warnings, pageSize } = parseHimalayasPage(body)
    expect(ads).toHaveLength(1)
    expect(pageSize).toBe(2)
    expect(warnings[0]).toMatch(/himalayas: job #1 skipped: guid/)
    expect(() => parseHimalayasPage({ error: 'rate limited' })).toThrow(/himalayas: response is not/)
  })
})

describe.skipIf(!existsSync(recorded))('parseHimalayasPage on the recorded page', () => {
  it('parses the recorded jobs', () => {
    const { ads, warnings, totalCount } = parseHimalayasPage(JSON.parse(readFileSync(recorded, 'utf8')))
    expect(warnings).toEqual([])
    expect(totalCount).toBe(100371)
    expect(ads).toHaveLength(4)
    expect(ads.filter((a) => a.salary).map((a) => a.salary?.period)).toEqual(['hour', 'year'])
  })
})

describe('himalayasSource.list against a local server', () => {
  let mode: 'finite' | 'endless' | 'empty-second' = 'finite'
  const server = useLocalTestServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    const offset = Number(url.searchParams.get('offset'))
    if (url.pathname !== '/jobs/api') return void res.writeHead(404).end()
    // The fixture pages hold 2 jobs although 100 were asked for, like a server that caps `limit`.
    let body = offset === 0 ? page0 : page1
    if (mode === 'endless') body = JSON.stringify({ ...JSON.parse(page0), totalCount: 100000 })
    if (mode === 'empty-second' && offset > 0) body = JSON.stringify({ totalCount: 100000, jobs: [] })
    res.writeHead(200, { 'content-type': 'application/json' }).end(body)
  })

  it('pages by offset until totalCount is reached', async () => {
    mode = 'finite'
    server.seen.length = 0
    const listing = await himalayasSource.list({}, { baseUrl: server.url, http: fetchHttp })
    expect(server.seen).toEqual(['/jobs/api?limit=100&offset=0', '/jobs/api?limit=100&offset=2'])
    expect(listing).toMatchObject({ requests: 2, warnings: [] })
    expect(listing.ads).toHaveLength(3)
  })

  it('stops at an empty page, and at maxPages', async () => {
    mode = 'empty-second'
    expect((await himalayasSource.list({}, { baseUrl: server.url, http: fetchHttp })).requests).toBe(2)
    mode = 'endless'
    const capped = await himalayasSource.list({ maxPages: 3 }, { baseUrl: server.url, http: fetchHttp })
    expect(capped.requests).toBe(3)
    expect(capped.ads).toHaveLength(2) // the same two jobs on every page count once
  })
})
