import { describe, expect, it } from 'vitest'
import { decodeStoredAd, encodeStoredAd, type BoardAdInput } from './payloads.ts'

const ad: BoardAdInput = {
  sourceId: '42',
  url: 'https://boards.example/jobs/42',
  title: 'Backend engineer',
  company: 'Acme',
  location: 'Berlin',
  remote: null,
  postedAt: new Date('2026-03-02T10:00:00Z'),
  text: 'Go, Postgres',
  salaryText: null,
  salary: { min: 70000, max: 90000, currency: 'EUR', period: 'year' },
  employmentType: null,
  tags: ['go'],
}

describe('stored-ad payload codec', () => {
  it('round-trips every format', () => {
    const board = encodeStoredAd({ format: 'board-json', ad, raw: { id: 42 } })
    // The content hash is taken over this string: it must stay what earlier versions stored.
    expect(board.payload).toBe(JSON.stringify({ ad, raw: { id: 42 } }))
    expect(decodeStoredAd(board.payload_format, board.payload)).toEqual({
      ok: true,
      value: { format: 'board-json', ad: { ...ad, postedAt: '2026-03-02T10:00:00.000Z' }, raw: { id: 42 } },
    })
    const html = encodeStoredAd({ format: 'hn-html', html: '<p>Go</p>' })
    expect(decodeStoredAd(html.payload_format, html.payload)).toEqual({
      ok: true,
      value: { format: 'hn-html', html: '<p>Go</p>' },
    })
    const text = encodeStoredAd({ format: 'text', text: 'Go' })
    expect(decodeStoredAd(text.payload_format, text.payload)).toEqual({
      ok: true,
      value: { format: 'text', text: 'Go' },
    })
  })

  it('reads older board payloads that left out optional fields', () => {
    const old = JSON.stringify({ ad: { title: 'Dev', text: 'Rust' }, raw: null })
    const decoded = decodeStoredAd('board-json', old)
    expect(decoded.ok && decoded.value.format === 'board-json' && decoded.value.ad.title).toBe('Dev')
  })

  it.each([
    ['board-json', 'not json', /^board-json payload is not JSON: /],
    ['board-json', '[]', /^board-json payload: \(root\): /],
    ['board-json', JSON.stringify({ ad: { title: 1, text: 'x' } }), /^board-json payload: ad\.title: /],
    [
      'board-json',
      JSON.stringify({ ad: { title: 't', text: 'x', salary: { min: 'a' } } }),
      /ad\.salary\.min/,
    ],
    ['pdf', 'x', /^unknown payload format 'pdf'$/],
  ])('answers a %s payload %j with its reason', (format, payload, reason) => {
    const decoded = decodeStoredAd(format, payload)
    expect(decoded.ok).toBe(false)
    expect(!decoded.ok && decoded.reason).toMatch(reason)
  })
})
