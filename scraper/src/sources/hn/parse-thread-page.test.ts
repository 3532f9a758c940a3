import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { looksLikeHnItemPage, parseThreadPage } from './parse-thread-page.ts'

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')
const HN = 'https://news.ycombinator.com'

describe('parseThreadPage: browser-saved page (2012–2018)', () => {
  const page = parseThreadPage(fixture('browser-saved.html'), {
    threadId: '90000001',
    pageUrl: `${HN}/item?id=90000001`,
  })

  it('reads the story', () => {
    expect(page.title).toBe('Ask HN: Who is hiring? (April 2017)')
    expect(page.threadAge).toEqual({
      text: 'on Apr 3, 2017',
      absolute: new Date('2017-04-03T00:00:00Z'),
      relativeSeconds: null,
    })
    expect(page.nextPageUrl).toBeNull()
    expect(page.warnings).toEqual([])
  })

  it('keeps top-level comments with text, greyed ones included, and counts the rest', () => {
    expect(page.ads.map((ad) => ad.sourceId)).toEqual(['90000010', '90000012', '90000015'])
    expect(page.stats).toEqual({ commentRows: 6, topLevel: 5, skipped: { deleted: 1, flagged: 1, empty: 0 } })
  })

  it('takes the text up to the reply link, with full URLs and decoded entities', () => {
    const [acme, greyco, northwind] = page.ads
    expect(acme?.author).toBe('alice')
    expect(acme?.html).toContain('<p>We build APIs in Go and PostgreSQL. It&#x27;s a small team.</p>')
    expect(acme?.html).not.toContain('reply')
    expect(acme?.text).toBe(
      'Acme Widgets | Backend Engineer | Berlin | ONSITE | €60k–80k | https://acme.example/jobs/backend-engineer-berlin-2017\n' +
        "We build APIs in Go and PostgreSQL. It's a small team.\n\nEmail jobs@acme.example",
    )
    expect(greyco?.text).toBe('Greyco - Remote - PHP & MySQL contractors wanted')
    expect(northwind?.text).toBe(
      'Northwind | SRE | NYC or REMOTE (US)\n\n\n  Kubernetes\n  Terraform\n\nApply: jobs@northwind.example',
    )
  })

  it('dates ads from "on Apr 5, 2017" and "on April 6, 2017"', () => {
    expect(page.ads.map((ad) => [ad.postedAt.toISOString().slice(0, 10), ad.dateSource])).toEqual([
      ['2017-04-03', 'absolute'],
      ['2017-04-05', 'absolute'],
      ['2017-04-06', 'absolute'],
    ])
  })
})

describe('parseThreadPage: raw server page (2016, single quotes, unclosed tags)', () => {
  const html = fixture('server-raw.html')
  const threadCreatedAt = new Date('2016-10-03T15:00:00Z')
  const page = parseThreadPage(html, {
    threadId: '90000100',
    threadCreatedAt,
    pageUrl: `${HN}/item?id=90000100`,
  })

  it('reads the story without a fatitem table', () => {
    expect(page.title).toBe('Ask HN: Who is hiring? (October 2016)')
    expect(page.threadAge).toEqual({ text: '2 hours ago', absolute: null, relativeSeconds: 7200 })
  })

  it('finds the ads and skips deleted, flagged, empty rows and replies', () => {
    expect(page.ads.map((ad) => ad.sourceId)).toEqual(['90000110', '90000112'])
    expect(page.stats).toEqual({ commentRows: 6, topLevel: 5, skipped: { deleted: 1, flagged: 1, empty: 1 } })
  })

  it('keeps the source markup (unclosed <p>) and the full hrefs of shortened links', () => {
    const [logco, tiny] = page.ads
    expect(logco?.html.startsWith('LogCo | <a href="https:&#x2F;&#x2F;logco.example&#x2F;"')).toBe(true)
    expect(logco?.html).toMatch(/<p>We run microservices on AWS\.<p>Apply/)
    expect(logco?.text).toBe(
      'LogCo | https://logco.example/ | Backend Engineer (Scala) | Warsaw | ONSITE\nWe run microservices on AWS.\n' +
        'Apply: https://boards.example/logco/jobs/267415#.V_KBbJN96mp',
    )
    expect(tiny?.text).toBe('Tiny Startup | Rails dev | Lisbon | REMOTE\nWe like Ruby & Postgres.')
  })

  it('places relative ages after the thread start', () => {
    // thread "2 hours ago", comment "110 minutes ago" → 10 minutes after the thread opened
    expect(page.ads.map((ad) => [ad.postedAt.toISOString(), ad.dateSource])).toEqual([
      ['2016-10-03T15:10:00.000Z', 'relative'],
      ['2016-10-03T16:00:00.000Z', 'relative'],
    ])
  })

  it('without a thread date falls back to the first day of the title month', () => {
    const undated = parseThreadPage(html, { threadId: '90000100', pageUrl: `${HN}/item?id=90000100` })
    expect(undated.ads.map((ad) => [ad.postedAt.toISOString(), ad.dateSource])).toEqual([
      ['2016-10-01T00:00:00.000Z', 'thread'],
      ['2016-10-01T00:00:00.000Z', 'thread'],
    ])
  })
})

describe("parseThreadPage: today's HN", () => {
  const page = parseThreadPage(fixture('modern.html'), {
    threadId: '90001000',
    pageUrl: `${HN}/item?id=90001000`,
  })

  it('reads title, exact thread time and the More link', () => {
    expect(page.title).toBe('Ask HN: Who is hiring? (June 2025)')
    expect(page.threadAge?.absolute).toEqual(new Date(1748876440 * 1000))
    expect(page.threadAge?.relativeSeconds).toBe(5 * 3600)
    expect(page.nextPageUrl).toBe(`${HN}/item?id=90001000&p=2`)
  })

  it('reads commtext ads with title timestamps (unix seconds, or a bare UTC ISO time)', () => {
    expect(page.ads.map((ad) => [ad.sourceId, ad.author, ad.postedAt.toISOString(), ad.dateSource])).toEqual([
      ['90001010', 'kim', '2025-06-02T15:01:40.000Z', 'absolute'],
      ['90001012', 'max', '2025-06-02T17:30:00.000Z', 'absolute'],
    ])
    expect(page.ads[0]?.text).toBe(
      'Quanta Labs | Senior Backend Engineer (Python, Kafka) | Remote (EU) | $150K–$200K\n' +
        'We process billions of events a day on Kubernetes.\n' +
        'Apply at https://quanta.example/careers/senior-backend-engineer-python',
    )
    expect(page.stats).toEqual({ commentRows: 4, topLevel: 3, skipped: { deleted: 1, flagged: 0, empty: 0 } })
  })
})

describe('parseThreadPage on unexpected input', () => {
  it.each([
    ['an empty string', ''],
    ['a login page', '<html><body><form action="login"><input name="acct"></form></body></html>'],
    ['binary noise', '\u0000\u0001<<<>>><tr class="comtr"><td class="ind" indent="x">'],
    [
      'a truncated row',
      '<table class="comment-tree"><tr class="athing comtr" id="5"><td class="ind" indent="0">',
    ],
  ])('never throws on %s', (_, html) => {
    const page = parseThreadPage(html, { threadId: '1', pageUrl: `${HN}/item?id=1` })
    expect(page.ads).toEqual([])
  })

  it.each([
    ['1.1 MB of nested <div>', '<div>'.repeat(110_000) + '</div>'.repeat(110_000), /nested more than 256/],
    [
      '1 MB of unclosed tags',
      '<table class="comment-tree"><tr class="athing comtr">' + '<span><p><b>'.repeat(90_000),
      /nested more than 256/,
    ],
  ])('refuses %s with the reason, without parsing it', (_, html, reason) => {
    const page = parseThreadPage(html, { threadId: '1', pageUrl: `${HN}/item?id=1` })
    expect(page.refused).toMatch(reason)
    expect(page.ads).toEqual([])
    expect(page.warnings).toEqual([page.refused])
  })

  it('warns when the body is not an HN item page', () => {
    const page = parseThreadPage('<html><body>Sorry, we are down.</body></html>', {
      threadId: '1',
      pageUrl: HN,
    })
    expect(page.warnings).toEqual(['not an HN item page (no comment rows, no story)'])
    expect(looksLikeHnItemPage('<html><body>Sorry</body></html>')).toBe(false)
    expect(looksLikeHnItemPage(fixture('server-raw.html'))).toBe(true)
  })
})
