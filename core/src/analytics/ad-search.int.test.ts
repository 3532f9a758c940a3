// Ad search on chDB: filters, newest first, one entry per job, cursor pages that neither repeat
// nor skip, evidence words and a snippet of the surrounding text with the matches located.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ClickHouseHandle } from '../clickhouse/client.ts'
import { makeSnippet, searchAds } from './ad-search.ts'
import { FilterError, NO_FILTERS } from './filters.ts'
import { makeAd, openTempClickHouse, writeAds, writeRawAds } from './test-fixture.ts'

let ch: ClickHouseHandle
const LONG = 'We build payment rails for small shops. '.repeat(8)

beforeAll(async () => {
  ch = await openTempClickHouse()
  const ads = [
    makeAd({ id: 's1', day: '2018-01-03', skills: ['go'], work_mode: 'remote' }),
    makeAd({ id: 's2', day: '2018-01-05', skills: ['go', 'postgresql'], work_mode: 'remote' }),
    makeAd({ id: 's3', day: '2018-01-07', skills: ['python'], work_mode: 'remote' }),
    makeAd({ id: 's4', day: '2018-01-09', skills: ['go'], work_mode: 'onsite' }),
    makeAd({
      id: 's5a',
      source: 'board-a',
      dedupe: 'job5',
      day: '2018-01-11',
      skills: ['go'],
      work_mode: 'remote',
    }),
    makeAd({
      id: 's5b',
      source: 'board-b',
      dedupe: 'job5',
      day: '2018-01-12',
      skills: ['go'],
      work_mode: 'remote',
    }),
    makeAd({ id: 's6', day: '2018-01-13', skills: ['go'], work_mode: 'remote' }),
  ]
  await writeAds(ch, ads)
  await writeRawAds(ch, ads, {
    format: 'hn-html',
    payload: () =>
      `Acme | Backend engineer | Remote<p>${LONG}Our services are written in <b>Go</b> and talk to PostgreSQL. ${LONG}`,
  })
})
afterAll(async () => ch?.close())

describe('ad search', () => {
  it('pages newest first through every matching job exactly once', async () => {
    const filters = { ...NO_FILTERS, work_mode: ['remote'] }
    const seen: string[] = []
    let cursor: string | null = null
    for (let guard = 0; guard < 10; guard++) {
      const page = await searchAds(ch.client, { filters, skills: ['go'], limit: 2, cursor })
      seen.push(...page.ads.map((a) => a.adId))
      cursor = page.nextCursor
      if (!cursor) break
    }
    // s4 is onsite, s3 has no Go; job5 appears once, as its newest copy.
    expect(seen).toEqual(['s6', 's5b', 's2', 's1'])
  })

  it('gives the evidence words and a snippet around them with the matches located', async () => {
    const { ads } = await searchAds(ch.client, {
      filters: NO_FILTERS,
      skills: ['go', 'postgresql'],
      limit: 5,
    })
    expect(ads.map((a) => a.adId)).toEqual(['s2'])
    const ad = ads[0]!
    expect(ad.matches.map((e) => e.skill)).toEqual(['go', 'postgresql'])
    expect(ad.snippet).toMatch(/^… .*written in Go and talk to PostgreSQL\..* …$/)
    expect(ad.snippet.length).toBeLessThan(LONG.length * 2)
    const marked = ad.highlights.map(([s, e]) => ad.snippet.slice(s, e))
    expect(marked).toEqual(expect.arrayContaining(['Go', 'PostgreSQL']))
  })

  it('rejects a cursor it did not issue', async () => {
    await expect(
      searchAds(ch.client, { filters: NO_FILTERS, skills: [], limit: 5, cursor: 'abc' }),
    ).rejects.toThrow(FilterError)
  })
})

describe('makeSnippet', () => {
  it('keeps short texts whole and marks every occurrence', () => {
    expect(makeSnippet('Go and more go', ['go'])).toEqual({
      snippet: 'Go and more go',
      highlights: [
        [0, 2],
        [12, 14],
      ],
    })
  })

  it('marks whole words only: not "go" inside MongoDB or Oregon', () => {
    const { snippet, highlights } = makeSnippet('We use MongoDB in Oregon, and Go. Also C++!', ['go', 'c++'])
    expect(highlights.map(([s, e]) => snippet.slice(s, e))).toEqual(['Go', 'C++'])
  })
})
