import { describe, expect, it } from 'vitest'
import { isRedirect, nextHop } from './redirects.ts'

describe('nextHop', () => {
  it('resolves relative Locations and drops fragments', () => {
    expect(nextHop(['https://a.example/x/y'], '../z#top', 5)).toEqual({
      ok: true,
      url: 'https://a.example/z',
    })
    expect(nextHop(['https://a.example/'], 'https://b.example/p?q=1', 5)).toEqual({
      ok: true,
      url: 'https://b.example/p?q=1',
    })
  })

  it('detects loops, too many hops and missing Locations', () => {
    expect(nextHop(['https://a/1', 'https://a/2'], '/1', 5)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^redirect loop/),
    })
    const five = ['0', '1', '2', '3', '4', '5'].map((n) => `https://a/${n}`)
    expect(nextHop(five.slice(0, 5), '/5', 5)).toEqual({ ok: true, url: 'https://a/5' })
    expect(nextHop(five, '/6', 5)).toMatchObject({ ok: false, reason: 'too many redirects (more than 5)' })
    expect(nextHop(['https://a/'], null, 5)).toMatchObject({
      ok: false,
      reason: 'redirect without a Location',
    })
  })

  it('knows the redirect statuses', () => {
    expect([301, 302, 303, 307, 308].every(isRedirect)).toBe(true)
    expect([200, 304, 300, 305].some(isRedirect)).toBe(false)
  })
})
