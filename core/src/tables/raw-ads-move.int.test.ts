// Migration 019 moves the raw ads to raw_ads_v2 (smaller granules): on a store migrated up to 018
// with rows in raw_ads, every row arrives, the newest version of each ad still wins, an insert
// into raw_ads afterwards (a process on the previous code) still lands in raw_ads_v2, two
// processes migrating at once keep each ad once, and a lookup reads small granules.
import { afterEach, describe, expect, it } from 'vitest'
import type { ClickHouseHandle } from '../clickhouse/client.ts'
import { openTempClickHouse } from '../analytics/test-fixture.ts'
import { loadMigrations, migrate } from '../clickhouse/migrate.ts'
import { queryRows } from '../clickhouse/query.ts'
import { rawAds, type RawAdRow } from './raw-ads.ts'

let ch: ClickHouseHandle | undefined
afterEach(async () => {
  await ch?.close()
  ch = undefined
})

async function storeAt018(): Promise<ClickHouseHandle> {
  ch = await openTempClickHouse(loadMigrations().filter((m) => m.version < 19))
  return ch
}

/** ~3 KB of text per ad, different per ad, so 1,000 ads fill many 256 KB granules. */
const payload = (i: number, version: number) =>
  `<p>ad ${i} v${version}</p>` + Array.from({ length: 500 }, (_, k) => `w${(i * 7919 + k) % 10007}`).join(' ')

function rawRow(i: number, version: number): RawAdRow {
  return {
    ad_id: `hn:${i}`,
    source: i % 3 === 0 ? 'greenhouse' : 'hn',
    source_id: String(i),
    thread_id: 't1',
    url: `https://example.test/${i}`,
    posted_at: '2018-03-01 10:00:00',
    date_source: 'absolute',
    payload_format: 'hn-html',
    payload: payload(i, version),
    content_hash: String(1000 + version),
    fetched_at: `2026-0${version}-01 00:00:00.000`,
    dedupe_key: `hn:${i}`,
  }
}

const ADS = 1000
/** Ads fetched twice: the second fetch (v2) must win after the move. */
const refetched = (i: number) => i % 10 === 0

async function fillOldTable(h: ClickHouseHandle): Promise<void> {
  await h.client.insert({
    table: 'raw_ads',
    format: 'JSONEachRow',
    values: Array.from({ length: ADS }, (_, i) => rawRow(i, 1)),
  })
  await h.client.insert({
    table: 'raw_ads',
    format: 'JSONEachRow',
    values: Array.from({ length: ADS }, (_, i) => i)
      .filter(refetched)
      .map((i) => rawRow(i, 2)),
  })
}

async function countIn(h: ClickHouseHandle, table: string): Promise<{ rows: number; ads: number }> {
  const [r] = await queryRows<{ rows: string; ads: string }>(
    h.client,
    `SELECT count() AS rows, uniqExact(ad_id) AS ads FROM (SELECT * FROM ${table} FINAL)`,
  )
  return { rows: Number(r?.rows), ads: Number(r?.ads) }
}

describe('migration 019: raw ads in smaller granules', () => {
  it('moves every row, keeps the newest fetch, and reads small granules', async () => {
    const h = await storeAt018()
    await fillOldTable(h)
    expect(await migrate(h.client)).toContain(19)

    expect(await countIn(h, 'raw_ads_v2')).toEqual({ rows: ADS, ads: ADS })
    expect((await countIn(h, 'raw_ads')).rows).toBe(0)
    const ids = ['hn:0', 'hn:1', 'hn:30', 'hn:999']
    const got = await rawAds.byIds(h.client, ids)
    expect(new Map(got.map((r) => [r.ad_id, r.payload]))).toEqual(
      new Map(ids.map((id) => [id, payload(Number(id.slice(3)), refetched(Number(id.slice(3))) ? 2 : 1)])),
    )
    expect(await rawAds.count(h.client)).toBe(ADS)

    // ~3 MB of payloads: 8,192-row granules would make one; 256 KB ones make a ten or more.
    await h.client.command({ query: 'OPTIMIZE TABLE raw_ads_v2 FINAL' })
    const [parts] = await queryRows<{ marks: string; rows: string }>(
      h.client,
      `SELECT sum(marks) AS marks, sum(rows) AS rows FROM system.parts
       WHERE database = currentDatabase() AND table = 'raw_ads_v2' AND active`,
    )
    expect(Number(parts?.rows)).toBe(ADS)
    expect(Number(parts?.marks)).toBeGreaterThanOrEqual(10)
  })

  it('a later insert into raw_ads (the previous code) still lands in raw_ads_v2', async () => {
    const h = await storeAt018()
    await fillOldTable(h)
    await migrate(h.client)
    await h.client.insert({ table: 'raw_ads', format: 'JSONEachRow', values: [rawRow(5000, 1)] })
    expect(await rawAds.count(h.client)).toBe(ADS + 1)
    expect((await rawAds.byIds(h.client, ['hn:5000']))[0]?.payload).toBe(payload(5000, 1))
  })

  it('two processes migrating at once keep each ad once', async () => {
    const h = await storeAt018()
    await fillOldTable(h)
    const [a, b] = await Promise.all([migrate(h.client), migrate(h.client)])
    expect([...a, ...b]).toContain(19)
    expect(await countIn(h, 'raw_ads_v2')).toEqual({ rows: ADS, ads: ADS })
    expect(await rawAds.count(h.client)).toBe(ADS)
    expect((await countIn(h, 'raw_ads')).rows).toBe(0)
  })
})
