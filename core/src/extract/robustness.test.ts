// Property tests: whatever the input (junk, huge, nested HTML, emoji, RTL), extractAd returns a well-formed
// result without throwing, and its time grows roughly linearly with the input.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { extractAd } from './index.ts'
import type { Extraction } from './types.ts'

function wellFormed(e: Extraction): void {
  expect(Array.isArray(e.skills)).toBe(true)
  for (const s of e.skills) expect(s.evidence.length).toBeGreaterThan(0)
  if (e.salary) expect(e.salary.min).toBeLessThanOrEqual(e.salary.max)
}

const SAMPLE =
  'Acme | Senior Go Engineer | Remote (EU) | €70-90k\nWe use Go, PostgreSQL, Kafka and Kubernetes on AWS. ' +
  'Email jobs@acme.io or see https://acme.io/jobs. <p>Python &amp; C++ welcome</p> '

describe('robustness', () => {
  it('never throws on arbitrary unicode text and salary fields', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 400 }),
        fc.option(fc.string({ maxLength: 60 })),
        (text, salary) => {
          wellFormed(extractAd({ id: 'p', text, salary_text: salary }))
        },
      ),
      { numRuns: 300 },
    )
  })
  it('never throws on binary junk, digits, separators and address-like noise', () => {
    const junk = fc.array(
      fc.constantFrom(
        '$',
        '£',
        '€',
        'k',
        '1',
        '0',
        ',',
        '.',
        '-',
        '@',
        '/',
        ':',
        '|',
        'Go',
        ' ',
        '\n',
        '\u0000',
        '\uFFFD',
        'www.',
        'C++',
      ),
      {
        maxLength: 300,
      },
    )
    fc.assert(
      fc.property(junk, (parts) => wellFormed(extractAd({ id: 'j', text: parts.join('') }))),
      { numRuns: 300 },
    )
  })
  it('handles 1 MB texts, deep HTML, emoji and RTL scripts', () => {
    const big = SAMPLE.repeat(Math.ceil(1_000_000 / SAMPLE.length))
    const e = extractAd({ id: 'big', text: big })
    expect(e.skills.map((s) => s.id)).toEqual(
      expect.arrayContaining(['go', 'postgresql', 'kafka', 'kubernetes', 'aws']),
    )
    wellFormed(extractAd({ id: 'html', text: '<div>'.repeat(50_000) + 'Rust' + '</div>'.repeat(50_000) }))
    wellFormed(extractAd({ id: 'emoji', text: '🚀👩‍💻 Python 🐍 '.repeat(20_000) }))
    wellFormed(
      extractAd({
        id: 'rtl',
        text: 'مطور بايثون Python و Go في دبي ‏$5,000 شهريا '.repeat(5_000) + 'שלום עולם Java',
      }),
    )
    const noSpaces = 'a@b'.repeat(300_000) + 'x.com/'.repeat(50_000) + '9'.repeat(200_000)
    wellFormed(extractAd({ id: 'nospace', text: noSpaces }))
    expect(extractAd({ id: 'bad', text: undefined as unknown as string }).skills).toEqual([])
  })
  it('takes roughly linear time (8x the input is far from 100x the time)', () => {
    const unit = SAMPLE.repeat(200) // ~36 KB
    const time = (text: string): number => {
      let best = Infinity
      for (let i = 0; i < 3; i++) {
        // CPU time of this process: other processes' load on a busy CI machine does not count.
        const started = process.cpuUsage()
        extractAd({ id: 't', text })
        const used = process.cpuUsage(started)
        best = Math.min(best, (used.user + used.system) / 1000)
      }
      return best
    }
    time(unit) // warm-up
    for (const text of [unit, 'Ⓐ@'.repeat(20_000)]) {
      const small = time(text)
      const large = time(text.repeat(8))
      expect(large / Math.max(small, 0.05)).toBeLessThan(100)
    }
  })
})
