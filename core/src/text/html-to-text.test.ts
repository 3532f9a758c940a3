import { describe, expect, it } from 'vitest'
import { decodeHtmlEntities } from './html-entities.ts'
import { htmlToText } from './html-to-text.ts'

describe('htmlToText, HN layout (default)', () => {
  it('turns every <p> and </p> into a newline and keeps the text as written', () => {
    expect(htmlToText('Acme | Backend | Berlin<p>We use Go.<p>Apply  now')).toBe(
      'Acme | Backend | Berlin\nWe use Go.\nApply  now',
    )
    expect(htmlToText('Vimeo<p>NY, NY\n-----</p><p>Backend PHP Engineer</p>')).toBe(
      'Vimeo\nNY, NY\n-----\n\nBackend PHP Engineer',
    )
  })

  it('decodes entities', () => {
    expect(
      htmlToText('R&amp;D &#x2F; it&#x27;s &quot;fun&quot; &lt;3 &#8364;5k&nbsp;net &bogus; &#xZZ;'),
    ).toBe('R&D / it\'s "fun" <3 €5k net &bogus; &#xZZ;')
  })

  it('replaces links whose text is a (shortened) URL by the href', () => {
    expect(
      htmlToText(
        'Jobs: <a href="https:&#x2F;&#x2F;example.com&#x2F;careers&#x2F;backend-engineer" rel="nofollow">https:&#x2F;&#x2F;example.com&#x2F;careers&#x2F;backe...</a>.',
      ),
    ).toBe('Jobs: https://example.com/careers/backend-engineer.')
    expect(htmlToText('<a href="http://amyris.com/">http://amyris.com</a>')).toBe('http://amyris.com/')
    expect(htmlToText('See <a href="https://x.example/jobs">our jobs page</a>')).toBe('See our jobs page')
    expect(htmlToText('<a href="mailto:a@b.example">a@b.example</a>')).toBe('a@b.example')
  })

  it('keeps <pre><code> blocks, with a newline before them as the eval set has', () => {
    expect(htmlToText('Stack:<p></p><pre><code>  Go\n  Postgres\n</code></pre>\nApply')).toBe(
      'Stack:\n\n\n  Go\n  Postgres\n\nApply',
    )
  })

  it('handles <br>, <li> and block tags', () => {
    expect(htmlToText('a<br>b<br/>c')).toBe('a\nb\nc')
    expect(htmlToText('<ul><li>Go</li><li>Rust</li></ul>')).toBe('- Go\n\n- Rust')
  })

  it('drops comments, scripts and styles', () => {
    expect(htmlToText('a<!-- hidden -->b<script>alert("<p>")</script><STYLE>p{}</STYLE>c')).toBe('abc')
  })
})

describe('htmlToText, job-board layout', () => {
  it('collapses whitespace and separates blocks by one blank line', () => {
    const html =
      '<div class="intro"><p>GitLab is   the platform.</p>\n<p>We&nbsp;ship.</p></div><h2><strong>What you\'ll do</strong></h2>\n<ul>\n<li>Build APIs</li>\n<li>Run Postgres</li>\n</ul>'
    expect(htmlToText(html, { blocks: true })).toBe(
      "GitLab is the platform.\n\nWe ship.\n\nWhat you'll do\n\n- Build APIs\n\n- Run Postgres",
    )
  })
})

describe('htmlToText on hostile input', () => {
  it.each([
    ['', ''],
    ['plain text', 'plain text'],
    ['a < b > c', 'a < b > c'],
    ['unclosed <b>bold', 'unclosed bold'],
    ['cut off <a href="http://x', 'cut off'],
    ["quotes <a title='>'>inside</a>", 'quotes inside'],
    ['<!-- never closed', ''],
    ['</>< />&', '</>< />&'],
  ])('%j', (html, text) => {
    expect(htmlToText(html)).toBe(text)
  })

  // Linearity is asserted as a ratio of two runs in the same process (10x the input must cost far
  // less than the 100x a quadratic parser would), in CPU time of this process, never as wall-clock
  // time: CI machines are busy, and other processes' load does not count against us.
  it('stays linear on pathological markup (10x the input, well under 100x the time)', () => {
    const patterns: Array<(n: number) => string> = [
      (n) => '<a href="'.repeat(n),
      (n) => '<p>'.repeat(3 * n),
      (n) => '<div>'.repeat(2 * n) + 'deep' + '</div>'.repeat(2 * n),
      (n) => '&'.repeat(5 * n) + ';',
      (n) => '&amp'.repeat(2 * n),
      (n) => '<<<<'.repeat(2 * n),
      (n) => '<a href="x">http://'.repeat(n),
    ]
    const bestOf3 = (html: string): number => {
      let best = Infinity
      for (let i = 0; i < 3; i++) {
        const started = process.cpuUsage()
        expect(typeof htmlToText(html)).toBe('string')
        expect(typeof htmlToText(html, { blocks: true })).toBe('string')
        const used = process.cpuUsage(started)
        best = Math.min(best, (used.user + used.system) / 1000)
      }
      return best
    }
    for (const make of patterns) {
      const small = bestOf3(make(10_000))
      const large = bestOf3(make(100_000)) // up to 1.1 MB
      expect(large / Math.max(small, 1)).toBeLessThan(40)
    }
  })
})

describe('decodeHtmlEntities', () => {
  it('decodes numeric and named entities and leaves unknown ones', () => {
    expect(decodeHtmlEntities('&#x2F;&#47;&#X2f;&amp;&hellip;&constructor;&#0;&#x110000;')).toBe(
      '///&…&constructor;\uFFFD\uFFFD',
    )
  })
})

describe('htmlToText block layout: list items wrapping paragraphs', () => {
  it('keeps the bullet on the item line', () => {
    expect(
      htmlToText('<ul><li><p>Build APIs</p></li><li><p>Run Go</p></li></ul><p>After</p>', { blocks: true }),
    ).toBe('- Build APIs\n\n- Run Go\n\nAfter')
  })
})
