import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { fetchHttp, useLocalTestServer } from '../shared/test-server.ts'
import { leverSource } from './index.ts'
import { parseLeverPostings } from './parse.ts'
import { recordedBoardFile } from '../shared/recorded-data.ts'

const fixture = readFileSync(new URL('./fixtures/postings.json', import.meta.url), 'utf8')
const recorded = recordedBoardFile('lever.midat.json')

describe('parseLeverPostings', () => {
  it('maps postings with salaryRange, workplace type and list items', () => {
    const { ads, warnings } = parseLeverPostings(JSON.parse(fixture), 'Fernweh Pay')
    expect(warnings).toEqual([])
    expect(ads).toHaveLength(2)
    const [hybrid, remote] = ads
    expect(hybrid).toMatchObject({
      sourceId: '8f0e2b1c-1111-4a2b-9c3d-0000000000a1',
      url: 'https://jobs.lever.co/fernwehpay/8f0e2b1c-1111-4a2b-9c3d-0000000000a1',
      title: 'Backend Engineer, Ledger',
      company: 'Fernweh Pay',
      location: 'Berlin, Germany; Remote - Germany',
      remote: false,
      employmentType: 'Full-time',
      tags: ['Engineering', 'Payments'],
      salary: { min: 75000, max: 95000, currency: 'EUR', period: 'year' },
    })
    expect(hybrid?.postedAt?.getTime()).toBe(1772000000000)
    expect(hybrid?.text).toBe(
      [
        'Fernweh Pay moves money for 2 million travellers.\n\nYou will join the ledger team.',
        "What you'll do\n- Design Kotlin services on the JVM\n\n- Tune PostgreSQL & Kafka pipelines",
        'What we look for\n- 5+ years of backend experience',
        'Benefits: 30 days of paid leave, a home-office budget and yearly conference tickets.',
      ].join('\n\n'),
    )
    expect(remote).toMatchObject({
      remote: true,
      location: 'Remote',
      salary: { min: 90, max: 120, currency: 'USD', period: 'hour' },
      text: 'Help us move from VMs to Kubernetes on GCP.',
    })
  })

  it('skips a malformed posting with a warning and rejects a non-array body', () => {
    const { ads, warnings } = parseLeverPostings(
      [{ id: 'p1', text: 'No hostedUrl' }, ...JSON.parse(fixture)],
      null,
    )
    expect(ads).toHaveLength(2)
    expect(warnings[0]).toMatch(/lever: posting #0 skipped: hostedUrl/)
    expect(() => parseLeverPostings({ ok: false }, null)).toThrow(/lever: response is not an array/)
  })
})

describe.skipIf(!existsSync(recorded))('parseLeverPostings on the recorded board', () => {
  it('parses every recorded posting', () => {
    const { ads, warnings } = parseLeverPostings(JSON.parse(readFileSync(recorded, 'utf8')), 'Match Group')
    expect(warnings).toEqual([])
    expect(ads).toHaveLength(2)
    expect(ads[0]?.salary).toEqual({ min: 150000, max: 180000, currency: 'USD', period: 'year' })
    expect(ads[0]?.remote).toBe(false)
    expect(ads[1]?.salary).toBeNull()
    for (const ad of ads) {
      expect(ad.text).toMatch(/\n- /)
      expect(ad.postedAt).toBeInstanceOf(Date)
    }
  })
})

describe('leverSource.list against a local server', () => {
  const server = useLocalTestServer((req, res) => {
    if (req.url === '/v0/postings/fernwehpay?mode=json') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(fixture)
    } else res.writeHead(404).end('not found')
  })

  it('fetches the postings and falls back to the slug as company name', async () => {
    const listing = await leverSource.list(
      { company: 'fernwehpay' },
      { baseUrl: server.url, http: fetchHttp },
    )
    expect(listing.requests).toBe(1)
    expect(listing.warnings).toEqual([])
    expect(listing.ads).toHaveLength(2)
    expect(listing.ads[0]?.company).toBe('fernwehpay')
  })

  it('fails on an HTTP error', async () => {
    await expect(
      leverSource.list({ company: 'nobody' }, { baseUrl: server.url, http: fetchHttp }),
    ).rejects.toThrow(/lever: .*404/)
  })
})
