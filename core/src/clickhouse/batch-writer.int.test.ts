// The batched writer's two encodings on the embedded engine: rows of one shape go as
// JSONCompactEachRow (read by chDB from an insert file), rows of mixed shapes as JSONEachRow; both store
// exactly the values given, and a column left out keeps its DEFAULT expression.
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
