// The status counts: exact, recounted only when raw_ads_v2 or ads changed (polls of unchanged data
// run no distinct scan), and exact again once writes stop.
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { ClickHouseHandle } from '../clickhouse/client.ts'
import { readAdCounts, statusCountStats } from './status-counts.ts'
import { fixtureSet, openTempClickHouse, writeAds, type FixtureAd } from './test-fixture.ts'

let ch: ClickHouseHandle
beforeAll(async () => {
  ch = await openTempClickHouse()
})
afterAll(async () => ch?.close())

async function storeRaw(ads: FixtureAd[]): Promise<void> {
  await ch.client.insert({
    table: 'raw_ads_v2',
    format: 'JSONEachRow',
    values: ads.map((a) => ({
      ad_id: a.id,
      source: a.source,
      posted_at: `${a.day} 12:00:00`,
      payload: '{}',
      fetched_at: Date.now(),
    })),
  })
}

it('counts stored and extracted ads exactly and recounts only after a write', async () => {
  const ads = fixtureSet(8)
  await storeRaw(ads)
  await writeAds(ch, ads.slice(0, 200))
  await writeAds(
    ch,
    ads.slice(150, 200).map((a) => ({ ...a, version: 2 })),
  )
  expect(await readAdCounts(ch.client, 1)).toEqual({ raw: ads.length, extracted: 200 })
  expect(await readAdCounts(ch.client, 2)).toEqual({ raw: ads.length, extracted: 50 })

  const before = statusCountStats.recounts
  for (let i = 0; i < 20; i++) expect(await readAdCounts(ch.client, 1)).toEqual({ raw: 300, extracted: 200 })
  expect(statusCountStats.recounts).toBe(before)

  // A re-run of stored raw ads adds rows but no ads; new extractions add ads.
  await storeRaw(ads.slice(0, 10))
  await writeAds(ch, ads.slice(200))
  const deadline = Date.now() + 10_000
  let counts = await readAdCounts(ch.client, 1)
  while (counts.extracted !== 300 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50))
    counts = await readAdCounts(ch.client, 1)
  }
  expect(counts).toEqual({ raw: 300, extracted: 300 })
  expect(statusCountStats.recounts).toBeGreaterThan(before)
})
