import { describe, expect, it } from 'vitest'
import { conditionalHeaders, entryFromResponse, MemoryConditionalCache } from './conditional-cache.ts'

describe('MemoryConditionalCache', () => {
  it('stores and returns entries', async () => {
    const cache = new MemoryConditionalCache()
    await cache.set('https://a/1', { etag: '"x"', body: 'one' })
    expect(await cache.get('https://a/1')).toEqual({ etag: '"x"', body: 'one' })
    expect(await cache.get('https://a/2')).toBeNull()
  })

  it('evicts the least recently used entries to stay within its byte budget', async () => {
    // Each entry: 2 bytes × (11-char URL + 40-char body) = 102 bytes; the budget holds two.
    const cache = new MemoryConditionalCache(250)
    const body = 'b'.repeat(40)
    await cache.set('https://a/1', { etag: '1', body })
    await cache.set('https://a/2', { etag: '2', body })
    await cache.get('https://a/1') // now 2 is the least recently used
    await cache.set('https://a/3', { etag: '3', body })
    expect(await cache.get('https://a/2')).toBeNull()
    expect(await cache.get('https://a/1')).not.toBeNull()
    expect(await cache.get('https://a/3')).not.toBeNull()
    expect(cache.size).toBe(2)
    expect(cache.bytes).toBeLessThanOrEqual(250)
  })

  it('replaces an entry without counting it twice, and skips entries larger than the budget', async () => {
    const cache = new MemoryConditionalCache(1000)
    await cache.set('u', { etag: 'a', body: 'x'.repeat(100) })
    await cache.set('u', { etag: 'b', body: 'x'.repeat(100) })
    expect(cache.bytes).toBe(2 * (1 + 100 + 1))
    await cache.set('big', { etag: 'c', body: 'x'.repeat(1000) })
    expect(await cache.get('big')).toBeNull()
    expect(cache.size).toBe(1)
  })
})

describe('validators', () => {
  it('turns an entry into conditional headers', () => {
    expect(conditionalHeaders(null)).toEqual({})
    expect(
      conditionalHeaders({ etag: '"e"', lastModified: 'Mon, 02 Jun 2025 15:00:00 GMT', body: '' }),
    ).toEqual({
      'if-none-match': '"e"',
      'if-modified-since': 'Mon, 02 Jun 2025 15:00:00 GMT',
    })
  })

  it('keeps a response only when it carries a validator', () => {
    expect(entryFromResponse(new Headers(), 'x')).toBeNull()
    expect(entryFromResponse(new Headers({ etag: 'W/"1"' }), 'x')).toEqual({ etag: 'W/"1"', body: 'x' })
  })
})
