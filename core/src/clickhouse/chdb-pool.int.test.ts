// The embedded pool's inserts go through files the engine reads (INSERT … FROM INFILE): the rows
// arrive intact, a rejected insert reports the engine's error, and no insert file outlives its
// insert or the pool.
import { afterAll, expect, it } from 'vitest'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { createClient } from '@clickhouse/client'
import { createChdbPool } from './chdb-pool.ts'

const dir = mkdtempSync(join(tmpdir(), 'stackradar-pool-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

it('inserts through files it removes, also when the insert fails', async () => {
  const spoolParent = join(dir, 'spool')
  mkdirSync(spoolParent)
  // A killed process's spool (no process has pid 2^22 + 1 here) is removed when a pool starts.
  const dead = join(spoolParent, `stackradar-inserts-${2 ** 22 + 1}-abc`)
  mkdirSync(dead)
  const connection = await createChdbPool({ path: join(dir, 'db'), sessions: 2, spoolParent })
  const client = createClient({ connection: connection as never })
  const [spool, ...others] = readdirSync(spoolParent)
  expect(others).toEqual([])
  expect(spool).toMatch(new RegExp(`^stackradar-inserts-${process.pid}-`))
  await client.command({ query: 'CREATE TABLE t (id UInt32, s String) ENGINE = MergeTree ORDER BY id' })

  const rows = [
    { id: 1, s: "it's \\ a\ttab\nline" },
    { id: 2, s: 'Zürich 東京 🚀' },
  ]
  await client.insert({ table: 't', values: rows, format: 'JSONEachRow' })
  await client.insert({ table: 't', values: [[3, 'x']], columns: ['id', 's'], format: 'JSONCompactEachRow' })
  const got = await (
    await client.query({ query: 'SELECT id, s FROM t ORDER BY id', format: 'JSONEachRow' })
  ).json()
  expect(got).toEqual([...rows, { id: 3, s: 'x' }])
  expect(readdirSync(join(spoolParent, spool!))).toEqual([])

  // Rows given as the body of an INSERT statement (exec with values, as the batched writer sends
  // them) take the same file path, chunk by chunk.
  const sent = await client.exec({
    query: 'INSERT INTO t (id, s) FORMAT JSONCompactEachRow',
    values: Readable.from(['[4,"y ', 'z"]\n', '[5,"w"]\n']),
  })
  sent.stream.resume()
  const after = await (
    await client.query({ query: 'SELECT id, s FROM t WHERE id > 3 ORDER BY id', format: 'JSONEachRow' })
  ).json()
  expect(after).toEqual([
    { id: 4, s: 'y z' },
    { id: 5, s: 'w' },
  ])
  expect(readdirSync(join(spoolParent, spool!))).toEqual([])

  await expect(
    client.insert({ table: 't', values: [{ id: 'not a number', s: 'y' }], format: 'JSONEachRow' }),
  ).rejects.toThrow(/not a number|Cannot parse|CANNOT_PARSE/i)
  expect(readdirSync(join(spoolParent, spool!))).toEqual([])

  await connection.close()
  expect(existsSync(join(spoolParent, spool!))).toBe(false)
})
