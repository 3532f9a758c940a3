import { describe, expect, it } from 'vitest'
import { parseHtmlBounded } from './bounded-html.ts'

const MB = 1024 * 1024

/**
 * Median CPU time of this process over `runs` calls: a ratio of two of these, in one run, is what
 * the tests compare (CPU time, so other processes' load on a busy CI machine does not count).
 */
function medianMs(fn: () => unknown, runs = 3): number {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = process.cpuUsage()
    fn()
    const used = process.cpuUsage(start)
    times.push((used.user + used.system) / 1000)
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)] as number
}

describe('parseHtmlBounded', () => {
  it('parses an ordinary page, with source positions when asked', () => {
    const html = '<html><body><div class="x"><p>Hi &amp; bye</p></div></body></html>'
    const parsed = parseHtmlBounded(html, { withIndices: true })
    expect(parsed).toMatchObject({ ok: true, elements: 4, maxDepth: 4 })
    if (!parsed.ok) return
    const body = parsed.document.children[0]
    expect(body && 'startIndex' in body ? body.startIndex : null).toBe(0)
  })

  it.each([
    [
      '1.1 MB of nested <div>',
      '<div>'.repeat(110_000) + 'x' + '</div>'.repeat(110_000),
      /nested more than 256 elements deep/,
    ],
    [
      '1 MB of unclosed tags',
      '<div><span><b><i>'.repeat(Math.ceil(MB / 17)),
      /nested more than 256 elements deep/,
    ],
    [
      '1 MB of unclosed <font>',
      '<font size=2>'.repeat(Math.ceil(MB / 13)),
      /nested more than 256 elements deep/,
    ],
    ['a page of 300k elements', '<br>'.repeat(300_000), /more than 250000 elements/],
    ['11 MB of markup', 'x'.repeat(11 * MB), /11534336 characters, more than 10485760/],
  ])('refuses %s with the reason', (_, html, reason) => {
    const parsed = parseHtmlBounded(html)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.reason).toMatch(new RegExp(`^page refused: ${reason.source}`))
  })

  it('takes time linear in the page size on the worst markup it accepts (4x the input, well under 16x the time)', () => {
    // As deep as allowed, then tags that close nothing open (each scans the open-element stack) and
    // paragraphs that never close: the costliest shapes that stay within the limits.
    const page = (units: number) => '<div>'.repeat(250) + '<p>x</span></x><b>y</b>'.repeat(units)
    const small = page(10_000)
    const large = page(40_000)
    expect(parseHtmlBounded(large).ok).toBe(true)
    parseHtmlBounded(small) // warm-up
    const ratio = medianMs(() => parseHtmlBounded(large)) / medianMs(() => parseHtmlBounded(small))
    expect(ratio).toBeLessThan(16)
  })
})
