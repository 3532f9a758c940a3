import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { fetchHttp, useLocalTestServer } from '../shared/test-server.ts'
import { greenhouseSource } from './index.ts'
import { parseGreenhouseJobs } from './parse.ts'
import { recordedBoardFile } from '../shared/recorded-data.ts'

const fixture = readFileSync(new URL('./fixtures/board-jobs.json', import.meta.url), 'utf8')
const recorded = recordedBoardFile('greenhouse.midat.json')

describe('parseGreenhouseJobs', () => {
  it('maps jobs and unescapes the entity-escaped content once', () => {
    const { ads, warnings } = parseGreenhouseJobs(JSON.parse(fixture))
    expect(warnings).toEqual([])
    expect(ads).toHaveLength(2)
    const [first, second] = ads
    expect(first).toMatchObject({
      sourceId: '7001001001',
      url: 'https://job-boards.greenhouse.io/acmecloud/jobs/7001001001',
      title: 'Senior Backend Engineer (Go)',
      company: 'AcmeCloud',
      location: 'Remote, Germany',
      remote: true,
      tags: ['Engineering'],
      salary: null,
    })
    expect(first?.postedAt?.toISOString()).toBe('2026-02-20T14:00:00.000Z')
    expect(first?.text).toContain("What you'll do")
    expect(first?.text).toContain('- Build services in Go & PostgreSQL')
    expect(first?.text).toContain('€80,000–€100,000')
    expect(first?.text).not.toMatch(/<|&lt;|&amp;/)
    // No first_published: falls back to updated_at; no "remote" in the location: unknown.
    expect(second?.postedAt?.toISOString()).toBe('2026-03-05T17:00:00.000Z')
    expect(second?.remote).toBeNull()
  })

  it('prefers the configured company name', () => {
    const { ads } = parseGreenhouseJobs(JSON.parse(fixture), { company: 'Acme Cloud GmbH' })
    expect(ads[0]?.company).toBe('Acme Cloud GmbH')
  })

  it('skips a malformed job with a warning and rejects a body of the wrong shape', () => {
    const { ads, warnings } = parseGreenhouseJobs({
      jobs: [{ id: 'x', title: 'No url' }, ...JSON.parse(fixture).jobs],
    })
    expect(ads).toHaveLength(2)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/greenhouse: job #0 skipped/)
    expect(() => parseGreenhouseJobs([{ id: 1 }])).toThrow(/greenhouse/)
  })
})

describe.skipIf(!existsSync(recorded))('parseGreenhouseJobs on the recorded GitLab board', () => {
  it('parses every recorded job', () => {
    const { ads, warnings } = parseGreenhouseJobs(JSON.parse(readFileSync(recorded, 'utf8')))
    expect(warnings).toEqual([])
    expect(ads.length).toBe(2)
    for (const ad of ads) {
      expect(ad.company).toBe('GitLab')
      expect(ad.text.length).toBeGreaterThan(200)
      expect(ad.text).not.toContain('&lt;')
      expect(ad.postedAt).toBeInstanceOf(Date)
    }
  })
})

describe('greenhouseSource.list against a local server', () => {
  const server = useLocalTestServer((req, res) => {
    if (req.url === '/v1/boards/acmecloud/jobs?content=true') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(fixture)
    } else res.writeHead(404).end('not found')
  })

  it('fetches the board and returns its ads', async () => {
    const listing = await greenhouseSource.list(
      { board: 'acmecloud' },
      { baseUrl: server.url, http: fetchHttp },
    )
    expect(server.seen).toEqual(['/v1/boards/acmecloud/jobs?content=true'])
    expect(listing.requests).toBe(1)
    expect(listing.warnings).toEqual([])
    expect(listing.ads.map((a) => a.sourceId)).toEqual(['7001001001', '7001001002'])
  })

  it('fails on an HTTP error', async () => {
    await expect(
      greenhouseSource.list({ board: 'missing' }, { baseUrl: server.url, http: fetchHttp }),
    ).rejects.toThrow(/404/)
  })
})
