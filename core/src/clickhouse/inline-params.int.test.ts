// Literal binding of query parameters on the embedded engine (chdb-pool.ts + inline-params.ts):
// hostile values come back exactly as given, cannot change the query, and several sessions run
// queries side by side where chDB's own binding runs them one after another.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createClickHouse, type ClickHouseHandle } from './client.ts'
import { InlineParamError, inlineParams } from './inline-params.ts'
import { queryRows } from './query.ts'

const dir = mkdtempSync(join(tmpdir(), 'stackradar-inline-'))
const cfg = {
  DATA_DIR: dir,
  CLICKHOUSE_URL: undefined,
  CLICKHOUSE_USER: 'default',
  CLICKHOUSE_PASSWORD: '',
  CLICKHOUSE_DATABASE: 'stackradar',
}
let literal: ClickHouseHandle
let native: ClickHouseHandle

beforeAll(async () => {
  literal = await createClickHouse(cfg, { sessions: 4, binding: 'literal' })
  native = await createClickHouse(cfg, { sessions: 4, binding: 'native' })
  await literal.client.command({
    query: 'CREATE TABLE kv (k String, v UInt32) ENGINE = MergeTree ORDER BY k',
  })
  await literal.client.command({ query: "INSERT INTO kv VALUES ('a', 1), ('b', 2)" })
})
afterAll(async () => {
  await literal?.close()
  await native?.close()
  rmSync(dir, { recursive: true, force: true })
})

const HOSTILE = [
  '',
  "it's",
  "a\\'b",
  '\\',
  'ends with backslash \\',
  "x' OR '1'='1",
  "'); DROP TABLE kv; --",
  'nul\0byte',
  'tab\tnew\nline\rcr',
  '\\N',
  '{v:String}',
  '*/ -- /*',
  '"double" `back`',
  'Zürich 東京 עברית 🚀 \u{10FFFF}',
  '\u0001\u001f\u007f',
]

const one = async <T>(query: string, params: Record<string, unknown>) =>
  (await queryRows<T>(literal.client, query, params))[0]!

describe('literal binding round-trips hostile values exactly', () => {
  it.each(HOSTILE.map((s) => [JSON.stringify(s), s]))('String %s', async (_name, s) => {
    const row = await one<{ v: string; n: string }>('SELECT {v:String} AS v, length({v:String}) AS n', {
      v: s,
    })
    expect(row.v).toBe(s)
    expect(Number(row.n)).toBe(Buffer.byteLength(s))
  })

  it('arrays of hostile strings, numbers, nested arrays and empty arrays', async () => {
    const row = await one<{ a: string[]; n: number[]; nested: string[][]; empty: string[] }>(
      'SELECT {a:Array(String)} AS a, {n:Array(Int64)} AS n, {nested:Array(Array(String))} AS nested, {e:Array(String)} AS empty',
      { a: HOSTILE, n: [-3, 0, 2 ** 40], nested: [HOSTILE.slice(0, 4), []], e: [] },
    )
    expect(row.a).toEqual(HOSTILE)
    expect(row.n.map(Number)).toEqual([-3, 0, 2 ** 40])
    expect(row.nested).toEqual([HOSTILE.slice(0, 4), []])
    expect(row.empty).toEqual([])
  })

  it('dates, numbers, booleans and NULL keep their values', async () => {
    const row = await one<Record<string, unknown>>(
      `SELECT toString({d:Date}) AS d, toString({t:DateTime('UTC')}) AS t, toString({js:DateTime64(3, 'UTC')}) AS js,
              toString({u:UInt64}) AS u, {f:Float64} AS f, {i:Int32} AS i, {b:Bool} AS b, {nul:Nullable(String)} AS nul`,
      {
        d: '2024-02-29',
        t: '2023-11-14 22:13:20',
        js: new Date('2023-11-14T22:13:20.123Z'),
        u: '18446744073709551615',
        f: 0.1,
        i: -2147483648,
        b: true,
        nul: null,
      },
    )
    expect(row).toEqual({
      d: '2024-02-29',
      t: '2023-11-14 22:13:20',
      js: '2023-11-14 22:13:20.123',
      u: '18446744073709551615',
      f: 0.1,
      i: -2147483648,
      b: true,
      nul: null,
    })
  })

  it('gives the same answers as chDB’s native binding', async () => {
    const sql = 'SELECT {v:String} AS v, {a:Array(String)} AS a, has({a:Array(String)}, {v:String}) AS found'
    for (const v of HOSTILE) {
      const params = { v, a: HOSTILE }
      expect(await queryRows(literal.client, sql, params)).toEqual(
        await queryRows(native.client, sql, params),
      )
    }
  })
})

describe('literal binding cannot inject', () => {
  it('a value is only ever compared, never run', async () => {
    for (const v of HOSTILE) {
      const row = await one<{ n: string }>('SELECT count() AS n FROM kv WHERE k = {v:String}', { v })
      expect(Number(row.n)).toBe(0)
    }
    const rows = await queryRows<{ k: string }>(
      literal.client,
      'SELECT k FROM kv WHERE k IN {ks:Array(String)}',
      {
        ks: ["a') OR 1=1 --", "b'", 'a'],
      },
    )
    expect(rows).toEqual([{ k: 'a' }])
    const left = await one<{ n: string }>('SELECT count() AS n FROM kv', {})
    expect(Number(left.n)).toBe(2)
  })

  it('placeholders inside string literals and comments stay text', () => {
    const sql = "SELECT '{v:String}' AS lit, {v:String} AS v /* {nope:String} */ -- {nope:String}\n"
    expect(inlineParams(sql, { v: "'" })).toBe(
      "SELECT '{v:String}' AS lit, _CAST('\\'', 'String') AS v /* {nope:String} */ -- {nope:String}\n",
    )
  })

  it('a missing parameter or a value that does not fit its type is refused', async () => {
    expect(() => inlineParams('SELECT {x:String}', {})).toThrow(InlineParamError)
    expect(() => inlineParams('SELECT {x:Identifier}', { x: 'kv' })).toThrow(InlineParamError)
    await expect(queryRows(literal.client, 'SELECT {n:UInt32} AS n', { n: "1'; SELECT 2" })).rejects.toThrow()
  })
})

describe('sessions run queries side by side', () => {
  // Each query returns the engine's clock as it runs it. Chained queries are at least one sleep
  // apart; queries that run side by side are not. An ordering of the engine's own timestamps, not
  // a bound on elapsed time: a busy machine delays both the same way.
  const SLEEP_S = 0.5
  const clocks = async (h: ClickHouseHandle) => {
    const rows = await Promise.all(
      Array.from({ length: 4 }, () =>
        queryRows<{ t: string }>(
          h.client,
          'SELECT toUnixTimestamp64Micro(now64(6)) AS t, sleep({s:Float64}) AS x',
          {
            s: SLEEP_S,
          },
        ),
      ),
    )
    return rows.map((r) => Number(r[0]!.t)).sort((a, b) => a - b)
  }
  /** How many queries ran while the one before them (by the engine's clock) was still sleeping. */
  const overlapping = (ts: number[]) => ts.filter((t, i) => i > 0 && t - ts[i - 1]! < SLEEP_S * 1e6).length

  it('with literal binding four queries overlap; natively each waits for the one before', async () => {
    expect(overlapping(await clocks(native))).toBe(0)
    expect(overlapping(await clocks(literal))).toBeGreaterThanOrEqual(1)
  })
})
