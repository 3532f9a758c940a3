import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { fetchHttp, useLocalTestServer } from '../shared/test-server.ts'
import type { SourceHttp } from '../types.ts'
import { extractJobPostings } from './extract.ts'
import { jsonLdSource } from './index.ts'
import { findAdLinks } from './links.ts'
import { parseJobPostingPage } from './parse.ts'

const read = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')
const listingWithPostings = read('listing-with-postings.html')
const listingLinks = read('listing-links.html')
const kotlinAd = read('ad-senior-backend-engineer-kotlin.html')
const dataAd = read('ad-data-engineer.html')

describe('extractJobPostings', () => {
  it('finds postings in @graph, skips a broken script with a warning and ignores other types', () => {
    const { postings, warnings } = extractJobPostings(listingWithPostings, 'https://ferrovia.example/careers')
    expect(postings).toHaveLength(3) // two in @graph, one (without title) in the array
    expect(warnings).toEqual([
      'jsonld: unparsable JSON-LD in script #1 on https://ferrovia.example/careers, skipped',
    ])
  })

  it('finds postings inside an ItemList', () => {
    const html = `<script type="application/ld+json">{"@type":"ItemList","itemListElement":[
      {"@type":"ListItem","position":1,"item":{"@type":"JobPosting","title":"A"}},{"@type":"JobPosting","title":"B"}]}</script>`
    expect(extractJobPostings(html, 'https://x.example/').postings).toHaveLength(2)
  })
})

describe('parseJobPostingPage', () => {
  it('maps the postings of a listing page', () => {
    const { ads, warnings } = parseJobPostingPage(listingWithPostings, 'https://ferrovia.example/careers')
    expect(warnings).toHaveLength(2)
    expect(warnings[1]).toMatch(/jsonld: JobPosting #2 on https:\/\/ferrovia.example\/careers skipped: title/)
    const [java, sre] = ads
    expect(java).toMatchObject({
      sourceId: 'ferrovia.example:FS-2041',
      url: 'https://ferrovia.example/careers/backend-engineer-java',
      title: 'Backend Engineer (Java)',
      company: 'Ferrovia Software',
      location: 'Milan, Lombardy, IT',
      remote: null,
      employmentType: 'FULL_TIME',
      salary: { min: 55000, max: 70000, currency: 'EUR', period: 'year' },
      salaryText: null,
    })
    expect(java?.postedAt?.toISOString()).toBe('2026-02-10T00:00:00.000Z')
    expect(java?.text).toBe(
      'We schedule trains with Java 21, Spring Boot & Oracle.\n\n- Microservices on OpenShift',
    )
    expect(sre).toMatchObject({
      sourceId: 'ferrovia.example:FS-2042',
      url: 'https://ferrovia.example/careers', // no url of its own: the page it was found on
      company: 'Ferrovia Software',
      remote: true,
      location: 'Italy; Spain',
      employmentType: 'CONTRACTOR',
      salary: null,
      text: 'Prometheus, Terraform & AWS.',
    })
  })

  it('reads an ad page: entity-escaped description, string amounts, several places, hash id', () => {
    const { ads, warnings } = parseJobPostingPage(
      kotlinAd,
      'https://nordlys.example/jobs/senior-backend-engineer-kotlin',
    )
    expect(warnings).toEqual([])
    expect(ads[0]).toMatchObject({
      sourceId: expect.stringMatching(/^nordlys\.example:url-[0-9a-f]{16}$/),
      url: 'https://nordlys.example/jobs/senior-backend-engineer-kotlin',
      title: 'Senior Backend Engineer (Kotlin)',
      company: 'Nordlys Data AS',
      location: 'Oslo, Norway; Bergen, Norway',
      salary: { min: 750000, max: 900000, currency: 'NOK', period: 'year' },
      tags: ['15-1252.00 Software Developers'],
      text: 'About the role\n\nKotlin, Ktor & PostgreSQL on GCP.\n\n- 5+ years with the JVM',
    })
    const again = parseJobPostingPage(kotlinAd, 'https://nordlys.example/jobs/senior-backend-engineer-kotlin')
    expect(again.ads[0]?.sourceId).toBe(ads[0]?.sourceId)
  })

  it('tolerates raw newlines in JSON strings; an amount without unit becomes salaryText', () => {
    const { ads, warnings } = parseJobPostingPage(dataAd, 'https://nordlys.example/jobs/data-engineer')
    expect(warnings).toEqual([])
    expect(ads[0]).toMatchObject({
      title: 'Data Engineer',
      remote: true,
      location: 'Norway',
      salary: null,
      salaryText: 'NOK 650000',
      text: 'Spark and Airflow pipelines. Python 3, dbt and BigQuery.',
    })
  })
})

describe('postings without url or identifier on one page', () => {
  const posting = (title: string, location = 'Berlin', description = `<p>${title} with Go.</p>`) => ({
    '@type': 'JobPosting',
    title,
    hiringOrganization: 'Acme',
    jobLocation: location,
    description,
  })
  const page = (postings: unknown[]) =>
    `<script type="application/ld+json">${JSON.stringify({ '@graph': postings })}</script>`
  const url = 'https://acme.example/careers'
  const ids = (postings: unknown[]) => parseJobPostingPage(page(postings), url).ads.map((a) => a.sourceId)

  it('each get their own id, from content and position, stable across reads and edits elsewhere', () => {
    const five = [
      posting('Backend Engineer'),
      posting('Backend Engineer', 'Munich'),
      posting('SRE'),
      posting('Data Engineer'),
      posting('Backend Engineer', 'Berlin', '<p>A second opening, another team.</p>'),
    ]
    const first = ids(five)
    expect(first).toHaveLength(5)
    expect(new Set(first).size).toBe(5)
    for (const id of first) expect(id).toMatch(/^acme\.example:ld-[0-9a-f]{16}$/)
    expect(ids(five)).toEqual(first)
    // Another posting removed, one description edited: the others keep their ids.
    const edited = [five[0], five[1], posting('SRE', 'Berlin', '<p>Now with Rust.</p>'), five[4]]
    expect(ids(edited)).toEqual([first[0], first[1], first[2], first[4]])
  })

  it('an exact repeat of one posting (two script blocks) is still one ad', () => {
    const got = ids([posting('SRE'), posting('SRE'), posting('Go Developer')])
    expect(got[0]).toBe(got[1])
    expect(new Set(got).size).toBe(2)
  })

  it('a single one keeps the page URL as its id (an ad page)', () => {
    const [id] = ids([posting('SRE')])
    expect(id).toMatch(/^acme\.example:url-[0-9a-f]{16}$/)
  })

  it('all reach the listing: 5 valid postings are 5 ads', async () => {
    const five = ['A', 'B', 'C', 'D', 'E'].map((t) => posting(`Engineer ${t}`))
    const http: SourceHttp = {
      ...fetchHttp,
      text: async () => ({ status: 200, body: page(five), url }),
    }
    const listing = await jsonLdSource.list({ url }, { baseUrl: '', http })
    expect(listing.ads.map((a) => a.title)).toEqual(five.map((p) => p.title))
  })
})

describe('findAdLinks', () => {
  const html = listingLinks.replace('LOCALHOST_ORIGIN', 'nordlys.example')
  it('keeps same-origin job-looking links, without fragments or duplicates', () => {
    expect(findAdLinks(html, 'https://nordlys.example/jobs/')).toEqual([
      'https://nordlys.example/jobs/senior-backend-engineer-kotlin',
      'https://nordlys.example/jobs/data-engineer',
      'https://nordlys.example/jobs/filled-role',
    ])
  })

  it('takes exactly what a selector matches, links or cards', () => {
    expect(findAdLinks(html, 'https://nordlys.example/jobs/', 'li.opening')).toHaveLength(3)
    expect(findAdLinks(html, 'https://nordlys.example/jobs/', 'main p a')).toEqual([
      'https://partner.example/jobs/123',
    ])
  })
})

describe('jsonLdSource.list against a local server', () => {
  const server = useLocalTestServer((req, res) => {
    const pages: Record<string, string> = {
      '/careers': listingWithPostings,
      '/jobs/': listingLinks.replace('https://LOCALHOST_ORIGIN', server.url),
      '/jobs/senior-backend-engineer-kotlin': kotlinAd,
      '/jobs/data-engineer': dataAd,
    }
    const page = pages[req.url ?? '']
    if (page) res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page)
    else res.writeHead(404).end('not found')
  })

  it('uses the postings on the listing page when there are any', async () => {
    server.seen.length = 0
    const listing = await jsonLdSource.list(
      { url: `${server.url}/careers` },
      { baseUrl: '', http: fetchHttp },
    )
    expect(server.seen).toEqual(['/careers'])
    expect(listing.requests).toBe(1)
    expect(listing.ads.map((a) => a.title)).toEqual(['Backend Engineer (Java)', 'Site Reliability Engineer'])
  })

  it('otherwise follows the ad links, sequentially, warning about ads that fail', async () => {
    server.seen.length = 0
    const listing = await jsonLdSource.list({ url: `${server.url}/jobs/` }, { baseUrl: '', http: fetchHttp })
    expect(server.seen).toEqual([
      '/jobs/',
      '/jobs/senior-backend-engineer-kotlin',
      '/jobs/data-engineer',
      '/jobs/filled-role',
    ])
    expect(listing.requests).toBe(4)
    expect(listing.ads.map((a) => a.title)).toEqual(['Senior Backend Engineer (Kotlin)', 'Data Engineer'])
    expect(listing.ads[1]?.url).toBe(`${server.url}/jobs/data-engineer`)
    expect(listing.warnings).toEqual([
      `jsonld: GET ${server.url}/jobs/filled-role returned HTTP 404, skipped`,
    ])
  })

  it('stops at maxAds and reads through the renderer when render is set', async () => {
    server.seen.length = 0
    let rendered = 0
    const http: SourceHttp = { ...fetchHttp, rendered: (url) => (rendered++, fetchHttp.text(url)) }
    const listing = await jsonLdSource.list(
      { url: `${server.url}/jobs/`, maxAds: 1, render: true },
      { baseUrl: '', http },
    )
    expect(listing.ads).toHaveLength(1)
    expect(rendered).toBe(2)
    expect(listing.warnings[0]).toMatch(/3 ad links .* reading the first 1/)
  })

  it('fails when the listing page itself cannot be fetched', async () => {
    await expect(
      jsonLdSource.list({ url: `${server.url}/nope` }, { baseUrl: '', http: fetchHttp }),
    ).rejects.toThrow(/404/)
  })
})

describe('hostile careers pages', () => {
  const nested = '<div>'.repeat(110_000) + '</div>'.repeat(110_000)
  const manyPostings = (n: number) =>
    `<script type="application/ld+json">${JSON.stringify(
      Array.from({ length: n }, (_, i) => ({ '@type': 'JobPosting', title: `Job ${i}` })),
    )}</script>`
  const server = useLocalTestServer((req, res) => {
    const pages: Record<string, string> = {
      '/nested': nested,
      '/jobs/': '<a href="/jobs/ok">ok</a><a href="/jobs/hostile">hostile</a>',
      '/jobs/ok': kotlinAd,
      '/jobs/hostile': '<span><b>'.repeat(100_000),
    }
    const page = pages[req.url ?? '']
    if (page) res.writeHead(200, { 'content-type': 'text/html' }).end(page)
    else res.writeHead(404).end()
  })

  it('a listing over a parse limit fails the run with the reason', async () => {
    await expect(
      jsonLdSource.list({ url: `${server.url}/nested` }, { baseUrl: '', http: fetchHttp }),
    ).rejects.toThrow(
      /^jsonld: http:\/\/127\.0\.0\.1:\d+\/nested: page refused: nested more than 256 elements deep$/,
    )
  })

  it('an ad page over a parse limit is skipped with the reason; the others are read', async () => {
    const listing = await jsonLdSource.list({ url: `${server.url}/jobs/` }, { baseUrl: '', http: fetchHttp })
    expect(listing.ads.map((a) => a.title)).toEqual(['Senior Backend Engineer (Kotlin)'])
    expect(listing.warnings).toEqual([
      `jsonld: ${server.url}/jobs/hostile: page refused: nested more than 256 elements deep, skipped`,
    ])
  })

  it('reads at most 1000 postings of a page with 100k, saying so', () => {
    const page = parseJobPostingPage(manyPostings(100_000), 'https://crowded.example/')
    expect(page.ads).toHaveLength(1000)
    expect(page.warnings).toEqual([
      'jsonld: more than 1000 JobPostings on https://crowded.example/, reading the first 1000',
    ])
  })
})
