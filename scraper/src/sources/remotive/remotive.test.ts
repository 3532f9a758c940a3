import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { fetchHttp, useLocalTestServer } from '../shared/test-server.ts'
import { remotiveSource } from './index.ts'
import { parseRemotiveJobs } from './parse.ts'
import { recordedBoardFile } from '../shared/recorded-data.ts'

const fixture = readFileSync(new URL('./fixtures/remote-jobs.json', import.meta.url), 'utf8')
const recorded = recordedBoardFile('remotive.ikevinxie.json')

describe('parseRemotiveJobs', () => {
  it('maps jobs with the free-text salary as salaryText', () => {
    const { ads, warnings } = parseRemotiveJobs(JSON.parse(fixture))
    expect(warnings).toEqual([])
    expect(ads).toHaveLength(2)
    const [java, rails] = ads
    expect(java).toMatchObject({
      sourceId: '3100001',
      url: 'https://remotive.com/remote-jobs/software-dev/backend-engineer-java-spring-3100001',
      title: 'Backend Engineer (Java/Spring)',
      company: 'Northwind Freight',
      location: 'Europe, UTC-1 to UTC+3',
      remote: true,
      salaryText: '€70k - €90k',
      salary: null,
      employmentType: 'full_time',
      tags: ['java', 'spring', 'aws', 'microservices'],
    })
    expect(java?.postedAt?.toISOString()).toBe('2026-03-01T09:30:00.000Z')
    expect(java?.text).toContain('- AWS (ECS, RDS for MySQL)')
    expect(rails).toMatchObject({ salaryText: null, text: 'Rails 7 & Sidekiq, HIPAA-compliant health tech.' })
  })

  it('skips a malformed job with a warning and rejects a body of the wrong shape', () => {
    const body = JSON.parse(fixture)
    body.jobs.push({ id: 'not-a-number', title: 'x', url: 'y' })
    const { ads, warnings } = parseRemotiveJobs(body)
    expect(ads).toHaveLength(2)
    expect(warnings[0]).toMatch(/remotive: job #2 skipped: id/)
    expect(() => parseRemotiveJobs([])).toThrow(/remotive: response is not/)
  })
})

describe.skipIf(!existsSync(recorded))('parseRemotiveJobs on the recorded feed', () => {
  it('parses the recorded jobs', () => {
    const { ads, warnings } = parseRemotiveJobs(JSON.parse(readFileSync(recorded, 'utf8')))
    expect(warnings).toEqual([])
    expect(ads).toHaveLength(4)
    expect(ads[0]?.salaryText).toBe('$55k - $100k')
  })
})

describe('remotiveSource.list against a local server', () => {
  const server = useLocalTestServer((req, res) => {
    if (req.url?.startsWith('/api/remote-jobs?category=')) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(fixture)
    } else res.writeHead(404).end('not found')
  })

  it('asks for the software-dev category by default, or the configured one', async () => {
    const listing = await remotiveSource.list({}, { baseUrl: server.url, http: fetchHttp })
    expect(listing).toMatchObject({ requests: 1, warnings: [] })
    expect(listing.ads).toHaveLength(2)
    await remotiveSource.list({ category: 'devops' }, { baseUrl: server.url, http: fetchHttp })
    expect(server.seen).toEqual([
      '/api/remote-jobs?category=software-dev',
      '/api/remote-jobs?category=devops',
    ])
  })
})
