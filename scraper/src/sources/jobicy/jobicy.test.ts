import { SOURCE_ATTRIBUTION } from '@stackradar/core/attribution'
import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { fetchHttp, useLocalTestServer } from '../shared/test-server.ts'
import { jobicySource } from './index.ts'
import { parseJobicyJobs } from './parse.ts'
import { recordedBoardFile } from '../shared/recorded-data.ts'

const fixture = readFileSync(new URL('./fixtures/remote-jobs.json', import.meta.url), 'utf8')
const recorded = recordedBoardFile('jobicy.ikevinxie.json')

describe('parseJobicyJobs', () => {
  it('maps jobs, unescaping short fields and reading the structured salary', () => {
    const { ads, warnings } = parseJobicyJobs(JSON.parse(fixture))
    expect(warnings).toEqual([])
    const [dotnet, go] = ads
    expect(dotnet).toMatchObject({
      sourceId: '150001',
      url: 'https://jobicy.com/jobs/150001-senior-backend-engineer-c-net',
      title: 'Senior Backend Engineer (C# & .NET)',
      company: 'Orbitly',
      location: 'EMEA, UK',
      remote: true,
      employmentType: 'Full-Time',
      tags: ['Software Engineering', 'Dev & Ops'],
      salary: { min: 85000, max: 110000, currency: 'GBP', period: 'year' },
    })
    expect(dotnet?.postedAt?.toISOString()).toBe('2026-03-04T09:15:00.000Z')
    expect(dotnet?.text).toContain('- SQL Server & Redis')
    expect(go).toMatchObject({
      salary: null,
      employmentType: 'Contract',
      text: 'Go microservices on Kubernetes.',
    })
    expect(go?.postedAt?.toISOString()).toBe('2026-03-03T18:00:00.000Z')
  })

  it('skips a malformed job with a warning and rejects a body of the wrong shape', () => {
    const body = JSON.parse(fixture)
    body.jobs.unshift({ id: 1, jobTitle: 'No url' })
    const { ads, warnings } = parseJobicyJobs(body)
    expect(ads).toHaveLength(2)
    expect(warnings[0]).toMatch(/jobicy: job #0 skipped: url/)
    expect(() => parseJobicyJobs({ success: false, error: 'bad tag' })).toThrow(/jobicy: response is not/)
  })
})

describe.skipIf(!existsSync(recorded))('parseJobicyJobs on the recorded feed', () => {
  it('parses the recorded jobs', () => {
    const { ads, warnings } = parseJobicyJobs(JSON.parse(readFileSync(recorded, 'utf8')))
    expect(warnings).toEqual([])
    expect(ads).toHaveLength(4)
    expect(ads[2]?.tags).toEqual(['Data Science & Analytics'])
    expect(ads[3]?.salary).toEqual({ min: 151000, max: 151000, currency: 'USD', period: 'year' })
  })
})

describe('jobicySource.list against a local server', () => {
  const server = useLocalTestServer((req, res) => {
    if (req.url?.startsWith('/api/v2/remote-jobs?')) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(fixture)
    } else res.writeHead(404).end('not found')
  })

  it('asks for 50 backend jobs by default', async () => {
    const listing = await jobicySource.list({}, { baseUrl: server.url, http: fetchHttp })
    expect(server.seen).toEqual(['/api/v2/remote-jobs?count=50&tag=backend'])
    expect(listing).toMatchObject({ requests: 1, warnings: [] })
    expect(listing.ads).toHaveLength(2)
    expect(SOURCE_ATTRIBUTION[jobicySource.kind]).toBe('Jobs from Jobicy (https://jobicy.com)')
  })
})
