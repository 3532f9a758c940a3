import { SOURCE_ATTRIBUTION } from '@stackradar/core/attribution'
import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { fetchHttp, useLocalTestServer } from '../shared/test-server.ts'
import { remoteOkSource } from './index.ts'
import { parseRemoteOkJobs } from './parse.ts'
import { recordedBoardFile } from '../shared/recorded-data.ts'

const fixture = readFileSync(new URL('./fixtures/api.json', import.meta.url), 'utf8')
const recorded = recordedBoardFile('remoteok.ikevinxie.json')

describe('parseRemoteOkJobs', () => {
  it('skips the legal notice and maps jobs, salary 0 = none', () => {
    const { ads, warnings } = parseRemoteOkJobs(JSON.parse(fixture))
    expect(warnings).toEqual([])
    expect(ads).toHaveLength(2)
    const [withSalary, without] = ads
    expect(withSalary).toMatchObject({
      sourceId: '1200001',
      url: 'https://remoteOK.com/remote-jobs/remote-senior-python-backend-engineer-quillbyte-1200001',
      title: 'Senior Python Backend Engineer',
      company: 'Quillbyte',
      location: 'Lisbon',
      remote: true,
      salary: { min: 90000, max: 130000, currency: 'USD', period: 'year' },
      tags: ['python', 'django', 'postgresql', 'backend'],
    })
    expect(withSalary?.postedAt?.toISOString()).toBe('2026-03-03T15:00:00.000Z')
    expect(withSalary?.text).toContain('Stack: Python, Django & PostgreSQL on AWS.')
    expect(without).toMatchObject({ salary: null, location: null })
  })

  it('skips a malformed job with a warning and rejects a non-array body', () => {
    const body = JSON.parse(fixture)
    body.push({ id: '9', company: 'No position' })
    const { ads, warnings } = parseRemoteOkJobs(body)
    expect(ads).toHaveLength(2)
    expect(warnings[0]).toMatch(/remoteok: job #3 skipped: position/)
    expect(() => parseRemoteOkJobs({ legal: 'x' })).toThrow(/remoteok: response is not an array/)
  })
})

describe.skipIf(!existsSync(recorded))('parseRemoteOkJobs on the recorded feed', () => {
  it('parses the four recorded jobs', () => {
    const { ads, warnings } = parseRemoteOkJobs(JSON.parse(readFileSync(recorded, 'utf8')))
    expect(warnings).toEqual([])
    expect(ads).toHaveLength(4)
    expect(ads.every((a) => a.salary === null && a.postedAt instanceof Date && a.company)).toBe(true)
  })
})

describe('remoteOkSource.list against a local server', () => {
  const server = useLocalTestServer((req, res) => {
    if (req.url === '/api') res.writeHead(200, { 'content-type': 'application/json' }).end(fixture)
    else res.writeHead(404).end('not found')
  })

  it('fetches the feed', async () => {
    const listing = await remoteOkSource.list({}, { baseUrl: server.url, http: fetchHttp })
    expect(listing).toMatchObject({ requests: 1, warnings: [] })
    expect(listing.ads.map((a) => a.sourceId)).toEqual(['1200001', '1200002'])
    expect(SOURCE_ATTRIBUTION[remoteOkSource.kind]).toBe('Jobs from Remote OK (https://remoteok.com)')
  })
})
