import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { fetchHttp, useLocalTestServer } from '../shared/test-server.ts'
import { weWorkRemotelySource } from './index.ts'
import { parseWwrFeed } from './parse.ts'
import { recordedBoardFile } from '../shared/recorded-data.ts'

const fixture = readFileSync(new URL('./fixtures/back-end.rss', import.meta.url), 'utf8')
const recorded = recordedBoardFile('wwr.ikevinxie.xml')

describe('parseWwrFeed', () => {
  it('splits "Company: Role" titles and unescapes the description HTML', () => {
    const { ads, warnings } = parseWwrFeed(fixture)
    expect(ads).toHaveLength(2)
    expect(warnings).toHaveLength(1) // the item without title/link
    expect(warnings[0]).toMatch(/weworkremotely: item #2 skipped/)
    const [elixir, php] = ads
    expect(elixir).toMatchObject({
      sourceId: 'https://weworkremotely.com/remote-jobs/lumen-ledger-senior-elixir-engineer-payments',
      url: 'https://weworkremotely.com/remote-jobs/lumen-ledger-senior-elixir-engineer-payments',
      title: 'Senior Elixir Engineer: Payments',
      company: 'Lumen Ledger',
      location: 'Anywhere in the World',
      remote: true,
      employmentType: 'Full-Time',
      tags: ['Elixir', 'PostgreSQL', 'Back-End Programming'],
    })
    expect(elixir?.postedAt?.toISOString()).toBe('2026-03-02T14:05:00.000Z')
    expect(elixir?.text).toContain(
      'We settle card payments for 900 merchants using Elixir, Phoenix & PostgreSQL.',
    )
    expect(elixir?.text).toContain('- Salary: $120,000 - $150,000')
    expect(elixir?.text).not.toMatch(/<|&lt;|&amp;/)
    // CDATA descriptions are read too.
    expect(php).toMatchObject({
      company: 'Cobalt Systems',
      title: 'PHP / Laravel Developer',
      location: 'USA Only, United States',
    })
    expect(php?.text).toContain('Laravel 11, MySQL and Redis on AWS.')
  })

  it('rejects a body that is not an RSS feed', () => {
    expect(() => parseWwrFeed('<html><body>Just a moment...</body></html>')).toThrow(
      /weworkremotely: .*not an RSS/,
    )
  })
})

describe.skipIf(!existsSync(recorded))('parseWwrFeed on the recorded feed', () => {
  it('parses every recorded item', () => {
    const xml = readFileSync(recorded, 'utf8')
    const { ads, warnings } = parseWwrFeed(xml)
    expect(warnings).toEqual([])
    expect(ads).toHaveLength(xml.split('<item>').length - 1)
    expect(ads[0]).toMatchObject({ company: 'Mathmo', title: 'Maths Coach', employmentType: 'Contract' })
    expect(ads[0]?.text).toContain('£75 per hour')
  })
})

describe('weWorkRemotelySource.list against a local server', () => {
  const server = useLocalTestServer((req, res) => {
    if (req.url === '/categories/remote-back-end-programming-jobs.rss') {
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(fixture)
    } else res.writeHead(404).end('not found')
  })

  it('fetches the back-end category feed', async () => {
    const listing = await weWorkRemotelySource.list({}, { baseUrl: server.url, http: fetchHttp })
    expect(listing.requests).toBe(1)
    expect(listing.ads).toHaveLength(2)
    expect(listing.warnings).toHaveLength(1)
  })
})
