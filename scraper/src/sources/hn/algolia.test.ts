import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { buildAlgoliaStorySearchUrl, parseAlgoliaItem, parseAlgoliaStorySearch } from './algolia.ts'
import { hnItemUrl } from './hn-urls.ts'

const fixtureJson = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'))

describe('parseAlgoliaStorySearch', () => {
  it('keeps only "Who is hiring? (Month YYYY)" threads', () => {
    const result = parseAlgoliaStorySearch(fixtureJson('algolia-search.json'))
    expect(result.page).toBe(0)
    expect(result.nbPages).toBe(2)
    expect(result.threads).toEqual([
      {
        id: '90001000',
        title: 'Ask HN: Who is hiring? (June 2025)',
        createdAt: new Date(1748876440 * 1000),
        month: '2025-06',
      },
      {
        id: '90000900',
        title: 'Ask HN: Who Is Hiring? (October 2012)',
        createdAt: new Date(1349096400 * 1000),
        month: '2012-10',
      },
    ])
  })

  it('falls back to created_at when created_at_i is missing', () => {
    const body = {
      hits: [
        { objectID: '1', title: 'Ask HN: Who is hiring? (May 2019)', created_at: '2019-05-01T15:00:00Z' },
      ],
      page: 0,
      nbPages: 1,
    }
    expect(parseAlgoliaStorySearch(body).threads[0]?.createdAt).toEqual(new Date('2019-05-01T15:00:00Z'))
  })

  it('throws an error naming what is wrong', () => {
    expect(() => parseAlgoliaStorySearch({ request_uri: 'x', body: {} })).toThrow(
      /invalid Algolia story search response: hits/,
    )
    expect(() => parseAlgoliaStorySearch({ hits: [{ title: 'x' }], page: 0, nbPages: 1 })).toThrow(
      /hits\.0\.objectID/,
    )
    expect(() => parseAlgoliaStorySearch(null)).toThrow(/invalid Algolia story search response/)
    expect(() =>
      parseAlgoliaStorySearch({
        hits: [{ objectID: '7', title: 'Ask HN: Who is hiring? (May 2019)' }],
        page: 0,
        nbPages: 1,
      }),
    ).toThrow(/story 7 has no usable created_at/)
  })
})

describe('buildAlgoliaStorySearchUrl', () => {
  it('asks for whoishiring stories since a time, one page at a time', () => {
    expect(buildAlgoliaStorySearchUrl('https://hn.algolia.com/', { sinceUnix: 1700000000, page: 2 })).toBe(
      'https://hn.algolia.com/api/v1/search_by_date?tags=story%2Cauthor_whoishiring' +
        '&numericFilters=created_at_i%3E%3D1700000000&hitsPerPage=100&page=2',
    )
  })
})

describe('parseAlgoliaItem', () => {
  it('returns the thread and its top-level ads, skipping deleted comments and replies', () => {
    const result = parseAlgoliaItem(fixtureJson('algolia-item.json'))
    expect(result.thread).toEqual({
      id: '90001000',
      title: 'Ask HN: Who is hiring? (June 2025)',
      createdAt: new Date(1748876440 * 1000),
      month: '2025-06',
    })
    expect(result.stats).toEqual({ topLevel: 3, skipped: { deleted: 1, flagged: 0, empty: 0 } })
    expect(
      result.ads.map((ad) => [ad.sourceId, ad.author, ad.postedAt.toISOString(), ad.dateSource]),
    ).toEqual([
      ['90001010', 'kim', '2025-06-02T15:01:40.000Z', 'absolute'],
      ['90001014', 'nora', '2025-06-02T19:00:00.000Z', 'absolute'],
    ])
    expect(result.ads[0]?.text).toContain(
      'Apply at https://quanta.example/careers/senior-backend-engineer-python',
    )
    expect(result.ads[1]?.text).toBe(
      "Initech | Staff Engineer (Java, AWS) | Austin, TX | ONSITE\n\nWe're hiring.",
    )
  })

  it('rejects bodies that are not a story', () => {
    expect(() => parseAlgoliaItem({ id: 5, type: 'comment', created_at_i: 1, children: [] })).toThrow(
      /is a comment, not a story/,
    )
    expect(() => parseAlgoliaItem({ id: 5, type: 'story' })).toThrow(
      /invalid Algolia item response: children/,
    )
  })
})

describe('hnItemUrl', () => {
  it('adds &p=N only after the first page', () => {
    expect(hnItemUrl('https://news.ycombinator.com/', '17205865')).toBe(
      'https://news.ycombinator.com/item?id=17205865',
    )
    expect(hnItemUrl('https://news.ycombinator.com', '17205865', 1)).toBe(
      'https://news.ycombinator.com/item?id=17205865',
    )
    expect(hnItemUrl('http://127.0.0.1:8080/hn', '17205865', 2)).toBe(
      'http://127.0.0.1:8080/hn/item?id=17205865&p=2',
    )
  })
})
