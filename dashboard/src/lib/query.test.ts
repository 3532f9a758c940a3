import { describe, expect, it } from 'vitest'
import { hrefWith, parseFilters } from './filters'
import { DEFAULT_SKILLS, parseQuery, queryPatch, trendsPath } from './query'

describe('trend URL state', () => {
  it('uses the defaults without skills or categories, and none for an explicit empty list', () => {
    expect(parseQuery(new URLSearchParams('')).skills).toEqual(DEFAULT_SKILLS)
    expect(parseQuery(new URLSearchParams('skills=')).skills).toEqual([])
    expect(parseQuery(new URLSearchParams('categories=cloud')).skills).toEqual([])
  })

  it('keeps at most 20 series so a 21st never reaches the API', () => {
    const ids = Array.from({ length: 21 }, (_, i) => `s${i}`)
    const q = parseQuery(new URLSearchParams(`skills=${ids.join(',')}&categories=cloud`))
    expect(q.skills).toHaveLength(20)
    expect(q.categories).toEqual([])
    expect(q.dropped).toEqual(['s20', 'cloud'])
  })

  it('round-trips through the URL with the filters kept, and builds the API path', () => {
    const url = new URL('http://x/trends?source=hn&interval=week&skills=go,rust&hide=rust')
    const q = parseQuery(url.searchParams)
    expect(q).toMatchObject({ interval: 'week', rolling: 4, hidden: ['rust'], bands: true })
    const next = new URL(`http://x${hrefWith(url, queryPatch({ ...q, measure: 'count', bands: false }))}`)
    expect(next.searchParams.get('source')).toBe('hn')
    expect(parseQuery(next.searchParams)).toMatchObject({
      measure: 'count',
      bands: false,
      skills: ['go', 'rust'],
    })
    expect(trendsPath(q, parseFilters(url.searchParams))).toBe(
      '/api/v1/trends?source=hn&skills=go,rust&interval=week&rolling=4',
    )
  })
})
