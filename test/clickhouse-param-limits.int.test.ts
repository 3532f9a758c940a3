// Queries that look ads up by long id lists, against a ClickHouse HTTP endpoint that enforces a
// real server's request limits (1 MiB URI, 128 KiB per parameter value). A thread of thousands of
// ads once failed here with an opaque "HTTP request error" (reliability issue, item 0).
import { rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient } from '@clickhouse/client'
import { createClickHouse, type ClickHouseHandle } from '@stackradar/core/clickhouse'
import { migrate } from '@stackradar/core/clickhouse'
import { queryRows, ParamTooLargeError } from '@stackradar/core/clickhouse'
import { rawAds } from '@stackradar/core/tables'
import {
  spawnClickHouseHttpFixture,
  type SpawnedClickHouseHttpFixture,
} from './support/clickhouse-http-fixture.ts'
import { tempDir } from './support/test-config.ts'

describe('ClickHouse parameter limits', () => {
  const dir = tempDir('param-limits')
  let fixture: SpawnedClickHouseHttpFixture
  let ch: ClickHouseHandle

  beforeAll(async () => {
    fixture = await spawnClickHouseHttpFixture({ path: dir })
    ch = await createClickHouse({
      CLICKHOUSE_URL: fixture.url,
      CLICKHOUSE_USER: 'default',
      CLICKHOUSE_PASSWORD: '',
      CLICKHOUSE_DATABASE: 'stackradar',
      DATA_DIR: dir,
    })
    await migrate(ch.client)
  })
  afterAll(async () => {
    await ch?.close()
    await fixture?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  const ids = (n: number) => Array.from({ length: n }, (_, i) => `hn:${40_000_000 + i}`)

  it('refuses what a real server refuses: a URL over 1 MiB and a parameter over 128 KiB', async () => {
    const plain = createClient({ url: fixture.url })
    try {
      const longUrl = plain.query({
        query: 'SELECT length({ids:Array(String)}) AS n',
        query_params: { ids: ids(60_000) },
        format: 'JSONEachRow',
      })
      await expect(longUrl).rejects.toThrow(/URI too long/)
      const multipart = createClient({ url: fixture.url, use_multipart_params: true })
      const longField = multipart.query({
        query: 'SELECT length({ids:Array(String)}) AS n',
        query_params: { ids: ids(10_000) },
        format: 'JSONEachRow',
      })
      await expect(longField).rejects.toThrow(/Field value too long/)
      await multipart.close()
    } finally {
      await plain.close()
    }
  })

  it('sends parameters past 4 KB in the body, so a 900-id lookup (once a 16 KB URL) works', async () => {
    const rows = await queryRows<{ n: string }>(ch.client, 'SELECT length({ids:Array(String)}) AS n', {
      ids: ids(900),
    })
    expect(Number(rows[0]!.n)).toBe(900)
  })

  it('names the parameter when one is over the server limit, before sending it', async () => {
    const query = queryRows(ch.client, 'SELECT length({ids:Array(String)}) AS n', { ids: ids(10_000) })
    await expect(query).rejects.toBeInstanceOf(ParamTooLargeError)
    await expect(query).rejects.toThrow(/\{ids\} is \d+ bytes/)
  })

  it('looks up 20,000 stored ads by id in chunks, and finds every one', async () => {
    const all = ids(20_000)
    await ch.client.insert({
      table: 'raw_ads_v2',
      format: 'JSONEachRow',
      values: all.map((id, i) => ({
        ad_id: id,
        source: 'hn',
        source_id: id.slice(3),
        thread_id: '1',
        url: '',
        posted_at: '2018-01-01 00:00:00',
        date_source: 'thread',
        payload_format: 'hn-html',
        payload: 'x',
        content_hash: String(i + 1),
        fetched_at: '2018-01-01 00:00:00.000',
      })),
    })
    const hashes = await rawAds.contentHashes(ch.client, 'hn', [...all, 'hn:missing'])
    expect(hashes.size).toBe(20_000)
    expect(hashes.get(all[12_345]!)).toBe('12346')
    expect(hashes.has('hn:missing')).toBe(false)
  })
})
