// The batched writer's two encodings on the embedded engine (rows encoded as they arrive,
// encoded-rows.ts): rows of one shape go as one JSONCompact document (read by chDB from an insert
// file), rows of mixed shapes as JSONEachRow; both store exactly the values given, and a column
// left out keeps its DEFAULT expression. A full buffer goes alone, a table's batches and the
// shapes within a batch land in arrival order, and a call JSON cannot encode is refused alone.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BatchWriter } from './batch-writer.ts'
import { createClickHouse, type ClickHouseHandle } from './client.ts'
import { migrate } from './migrate.ts'
import { queryRows } from './query.ts'
import type { AdSkillRow } from '../tables/ad-skills.ts'

const dir = mkdtempSync(join(tmpdir(), 'stackradar-writer-'))
let ch: ClickHouseHandle
beforeAll(async () => {
  ch = await createClickHouse({
    DATA_DIR: dir,
    CLICKHOUSE_URL: undefined,
    CLICKHOUSE_USER: 'default',
    CLICKHOUSE_PASSWORD: '',
    CLICKHOUSE_DATABASE: 'stackradar',
  })
  await migrate(ch.client)
})
afterAll(async () => {
  await ch?.close()
  rmSync(dir, { recursive: true, force: true })
})

const HOSTILE = ["it's", 'back\\slash', 'tab\tnew\nline', 'nul\0', 'Zürich 東京 🚀', '["not", "json"]', '']
const row = (i: number, evidence: string[], dedupe?: string): AdSkillRow => ({
  skill: 'python',
  posted_day: '2024-01-02',
  ad_id: `ad${i}`,
  extractor_version: 1,
  source: 'hn',
  category: 'language',
  inferred: 0,
  evidence,
  extracted_at: '2024-01-02 03:04:05.678',
  ...(dedupe === undefined ? {} : { dedupe_key: dedupe }),
})

it('stores the same values from one-shape and mixed-shape batches; an omitted column gets its default', async () => {
  const writer = new BatchWriter(ch.client, { maxRows: 1000, flushMs: 10 })
  const same = HOSTILE.map((s, i) => row(i, [s, ...HOSTILE], `key-${s}`))
  const mixed = HOSTILE.map((s, i) => row(100 + i, [s], i % 2 ? `key-${s}` : undefined))
  await writer.insert('ad_skills', same)
  await writer.insert('ad_skills', mixed)
  await writer.close()
  const rows = await queryRows<{
    ad_id: string
    evidence: string[]
    dedupe_key: string
    extracted_at: string
  }>(
    ch.client,
    `SELECT ad_id, evidence, dedupe_key, toString(extracted_at) AS extracted_at FROM ad_skills ORDER BY toUInt32(substring(ad_id, 3))`,
  )
  const expected = [...same, ...mixed].map((r) => ({
    ad_id: r.ad_id,
    evidence: r.evidence,
    dedupe_key: r.dedupe_key ?? r.ad_id,
    extracted_at: '2024-01-02 03:04:05.678',
  }))
  expect(rows).toEqual(expected)
})

it("flushes a full table's buffer alone and keeps each table's batches in arrival order", async () => {
  // No timer flush during the test: only full buffers and close() write.
  const writer = new BatchWriter(ch.client, { maxRows: 3, flushMs: 3_600_000 })
  const at = (i: number, evidence: string) => ({ ...row(200 + i, [evidence]), skill: 'rust' })
  const seen = '2024-01-02 03:04:05.678'
  const presence = writer.insert('ad_presence', [
    {
      source_key: 'writer-test',
      ad_id: 'p1',
      first_seen_at: seen,
      last_seen_at: seen,
      closed_at: null,
      updated_at: seen,
    },
  ])
  // Two full batches of the same keys and version, not awaited in between: the second must land
  // after the first (ReplacingMergeTree keeps the last inserted of equal versions).
  const first = writer.insert(
    'ad_skills',
    [0, 1, 2].map((i) => at(i, 'first')),
  )
  const second = writer.insert(
    'ad_skills',
    [0, 1, 2].map((i) => at(i, 'second')),
  )
  await Promise.all([first, second])
  const stored = () =>
    queryRows<{ ad_id: string; evidence: string[] }>(
      ch.client,
      `SELECT ad_id, evidence FROM ad_skills FINAL WHERE skill = 'rust' ORDER BY ad_id`,
    )
  const presenceRows = async () =>
    Number(
      (
        await queryRows<{ n: string }>(
          ch.client,
          `SELECT count() AS n FROM ad_presence WHERE source_key = 'writer-test'`,
        )
      )[0]?.n,
    )
  expect(await stored()).toEqual([0, 1, 2].map((i) => ({ ad_id: `ad${200 + i}`, evidence: ['second'] })))
  // The other table's partial buffer was left to fill: written on close.
  expect(await presenceRows()).toBe(0)
  await writer.close()
  await presence
  expect(await presenceRows()).toBe(1)
})

it('keeps arrival order across shapes within one batch, and refuses only the call it cannot encode', async () => {
  const writer = new BatchWriter(ch.client, { maxRows: 1000, flushMs: 3_600_000 })
  const at = (evidence: string, dedupe?: string) => ({ ...row(300, [evidence], dedupe), skill: 'go' })
  // Same key and version in three shapes, one batch: the last inserted must win under FINAL.
  const calls = [
    writer.insert('ad_skills', [at('first', 'k')]),
    writer.insert('ad_skills', [at('second')]),
    writer.insert('ad_skills', [at('third', 'k')]),
  ]
  const bad = writer.insert('ad_skills', [{ ...at('never'), inferred: 1n as unknown as number }])
  await expect(bad).rejects.toThrow(/BigInt/)
  await writer.close()
  await Promise.all(calls)
  const stored = await queryRows<{ evidence: string[] }>(
    ch.client,
    `SELECT evidence FROM ad_skills FINAL WHERE skill = 'go' AND ad_id = 'ad300'`,
  )
  expect(stored).toEqual([{ evidence: ['third'] }])
})
