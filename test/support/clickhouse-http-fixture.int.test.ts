import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient, ClickHouseError, type ClickHouseClient } from '@clickhouse/client'
import { spawnClickHouseHttpFixture, type SpawnedClickHouseHttpFixture } from './clickhouse-http-fixture.ts'

// The real client over HTTP against the spawned fixture: the same path the distributed mode takes.
describe('clickhouse-http-fixture', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ch-http-fixture-'))
  let fixture: SpawnedClickHouseHttpFixture
  let client: ClickHouseClient

  beforeAll(async () => {
    fixture = await spawnClickHouseHttpFixture({ path: dir })
    client = createClient({ url: fixture.url })
  })
  afterAll(async () => {
    await client?.close()
    await fixture?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  const rows = [
    {
      id: 'a1',
      title: `O'Reilly "quoted"\nnew line\ttab \\ back`,
      skills: ['rust', "it's"],
      seen_at: '2024-03-01 10:00:00.123',
      v: 1,
    },
    { id: 'a2', title: 'Zürich – 東京 🚀', skills: [], seen_at: '2024-03-02 11:30:00.000', v: 1 },
  ]
  const count = async (c: ClickHouseClient) => {
    const rs = await c.query({ query: 'SELECT count() AS n FROM ads FINAL', format: 'JSONEachRow' })
    return Number((await rs.json<{ n: string | number }>())[0]!.n)
  }

  it('answers ping', async () => {
    expect(await client.ping()).toEqual({ success: true })
    expect((await client.ping({ select: true })).success).toBe(true)
  })

  it('creates a ReplacingMergeTree table and inserts JSONEachRow rows', async () => {
    await client.command({
      query: `CREATE TABLE IF NOT EXISTS ads (id String, title String, skills Array(String),
        seen_at DateTime64(3, 'UTC'), day Date MATERIALIZED toDate(seen_at), v UInt32)
        ENGINE = ReplacingMergeTree(v) ORDER BY id`,
    })
    const res = await client.insert({ table: 'ads', values: rows, format: 'JSONEachRow' })
    expect(res.executed).toBe(true)
    expect(res.summary?.written_rows).toBe('2')
  })

  it('round-trips awkward strings, arrays and DateTime64 values', async () => {
    const rs = await client.query({
      query: 'SELECT id, title, skills, seen_at FROM ads ORDER BY id, v',
      format: 'JSONEachRow',
    })
    expect(await rs.json()).toEqual(rows.map(({ v: _v, ...r }) => r))
  })

  it('binds query_params of type String, UInt32, Array(String) and Date', async () => {
    const rs = await client.query({
      query: `SELECT id FROM ads
        WHERE title = {title:String} AND v >= {v:UInt32}
          AND hasAny(skills, {skills:Array(String)}) AND toDate(seen_at) >= {from:Date}`,
      query_params: { title: rows[0]!.title, v: 1, skills: ["it's", 'k8s'], from: '2024-03-01' },
      format: 'JSONEachRow',
    })
    expect(await rs.json()).toEqual([{ id: 'a1' }])
    const unicode = await client.query({
      query: 'SELECT id FROM ads WHERE title = {t:String} AND toDate(seen_at) = {d:Date}',
      query_params: { t: rows[1]!.title, d: '2024-03-02' },
      format: 'JSON',
    })
    expect((await unicode.json<{ id: string }>()).data).toEqual([{ id: 'a2' }])
  })

  it('collapses versions with FINAL', async () => {
    // a separate insert, so the two versions of a1 sit in different parts until a merge or FINAL
    const newer = {
      id: 'a1',
      title: 'newer',
      skills: ['rust', 'go', 'k8s'],
      seen_at: '2024-03-03 12:00:00',
      v: 2,
    }
    await client.insert({ table: 'ads', values: [newer], format: 'JSONEachRow' })
    const rs = await client.query({
      query: 'SELECT id, v, length(skills) AS n FROM ads FINAL ORDER BY id',
      format: 'JSONCompactEachRow',
    })
    expect(await rs.json()).toEqual([
      ['a1', 2, 3],
      ['a2', 1, 0],
    ])
  })

  it('applies per-request settings, multipart params and exec', async () => {
    const quoted = await client.query({
      query: 'SELECT toUInt64(7) AS n',
      format: 'JSONEachRow',
      clickhouse_settings: { output_format_json_quote_64bit_integers: 1 },
    })
    expect(await quoted.json()).toEqual([{ n: '7' }])
    // settings are per request: the next query sees the engine default again
    const plain = await client.query({
      query: "SELECT getSetting('output_format_json_quote_64bit_integers') AS q",
      format: 'JSONEachRow',
    })
    expect(await plain.json()).toEqual([{ q: false }])
    const multipart = await client.query({
      query: 'SELECT {s:String} AS s',
      query_params: { s: 'via multipart' },
      use_multipart_params: true,
      format: 'JSONEachRow',
    })
    expect(await multipart.json()).toEqual([{ s: 'via multipart' }])
    const exec = await client.exec({ query: 'SELECT 1 AS one FORMAT CSV' })
    const text = await new Promise<string>((resolve, reject) => {
      let out = ''
      exec.stream
        .on('data', (d: Buffer) => (out += d.toString()))
        .on('end', () => resolve(out))
        .on('error', reject)
    })
    expect(text).toBe('1\n')
  })

  it('surfaces SQL errors as ClickHouseError with code and type', async () => {
    const err = await client
      .query({ query: 'SELECT * FROM no_such_table', format: 'JSONEachRow' })
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ClickHouseError)
    expect(err).toMatchObject({ code: '60', type: 'UNKNOWN_TABLE' })
    const syntax = await client.command({ query: 'SELEC 1' }).catch((e: unknown) => e)
    expect(syntax).toMatchObject({ code: '62', type: 'SYNTAX_ERROR' })
    const badRow = await client
      .insert({ table: 'ads', values: [{ id: 'x', v: 'not a number' }], format: 'JSONEachRow' })
      .catch((e: unknown) => e)
    expect(badRow).toBeInstanceOf(ClickHouseError)
    // the fixture survives bad requests
    expect((await client.ping()).success).toBe(true)
  })

  it('serves two clients concurrently', async () => {
    const other = createClient({ url: fixture.url, compression: { request: true, response: true } })
    try {
      const runs = Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? client : other)
          .query({
            query: 'SELECT {i:UInt32} + count() AS n FROM ads FINAL',
            query_params: { i },
            format: 'JSONEachRow',
          })
          .then((rs) => rs.json<{ n: string }>()),
      )
      const big = other
        .query({ query: 'SELECT number FROM numbers(200000)', format: 'JSONCompactEachRow' })
        .then((rs) => rs.json<[string | number]>())
      const [results, bigRows] = await Promise.all([Promise.all(runs), big])
      expect(results.map((r) => Number(r[0]!.n))).toEqual(Array.from({ length: 20 }, (_, i) => i + 2))
      expect(bigRows.length).toBe(200000)
      expect(Number(bigRows[199999]![0])).toBe(199999)
      // gzip request body from the compressing client
      const a3 = { id: 'a3', title: 'gz', skills: [], seen_at: '2024-03-04 00:00:00', v: 1 }
      await other.insert({ table: 'ads', values: [a3], format: 'JSONEachRow' })
      expect(await count(other)).toBe(3)
    } finally {
      await other.close()
    }
  })

  it('keeps data across a restart on the same path', async () => {
    await fixture.stop()
    await client.close()
    fixture = await spawnClickHouseHttpFixture({ path: dir })
    client = createClient({ url: fixture.url })
    expect(await count(client)).toBe(3)
  })

  it('fails clearly when the fixture cannot start', async () => {
    // the running fixture holds the directory lock, so a second one on it must exit early
    await expect(spawnClickHouseHttpFixture({ path: dir })).rejects.toThrow(/exited before listening/)
  })
})
