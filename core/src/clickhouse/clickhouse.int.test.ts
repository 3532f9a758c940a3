// Migrations, the batched writer and the trend query on a real embedded ClickHouse (chDB).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createClickHouse, type ClickHouseHandle } from './client.ts'
import { loadMigrations, migrate, splitStatements } from './migrate.ts'
import { queryRows } from './query.ts'
import { BatchWriter } from './batch-writer.ts'
import { queryTrends } from '../analytics/trends.ts'
import type { AdRow } from '../tables/ads.ts'

let ch: ClickHouseHandle

beforeAll(async () => {
  ch = await createClickHouse({
    DATA_DIR: mkdtempSync(join(tmpdir(), 'stackradar-ch-')),
    CLICKHOUSE_URL: undefined,
    CLICKHOUSE_USER: 'default',
    CLICKHOUSE_PASSWORD: '',
    CLICKHOUSE_DATABASE: 'stackradar',
  })
})
afterAll(async () => ch?.close())

describe('migrations', () => {
  it('splits statements and skips comment lines', () => {
    expect(splitStatements('-- a\nCREATE TABLE a (x UInt8) ENGINE=Log;\n\nSELECT 1;\n')).toEqual([
      'CREATE TABLE a (x UInt8) ENGINE=Log',
      'SELECT 1',
    ])
  })

  it('applies once and is a no-op the second time, also when run concurrently', async () => {
    const first = await migrate(ch.client)
    expect(first).toContain(1)
    const [again, concurrent] = await Promise.all([migrate(ch.client), migrate(ch.client)])
    expect(again).toEqual([])
    expect(concurrent).toEqual([])
  })

  it('tries a statement again when another process drops and re-creates its table under it', async () => {
    // Two roles migrating at once: one process's 016 (ALTER … ADD PROJECTION) lands between the
    // other's 015 DROP and CREATE of the same table. Played here in that order on a real engine,
    // with 016's statements under a version of their own (chDB opens one store per process).
    const all = loadMigrations()
    const recreate = all
      .find((m) => m.version === 15)!
      .statements.find((s) => s.startsWith('CREATE TABLE IF NOT EXISTS tally_skill_facets'))!
    const m16 = all.find((m) => m.version === 16)!
    await ch.client.command({ query: 'ALTER TABLE tally_skill_facets DROP PROJECTION IF EXISTS by_skill' })
    const command = ch.client.command.bind(ch.client)
    let raced = 0
    ch.client.command = async (params) => {
      if (raced > 0 || !params.query.includes('ADD PROJECTION')) return command(params)
      raced++
      await command({ query: 'DROP TABLE tally_skill_facets' })
      try {
        return await command(params)
      } finally {
        await command({ query: recreate })
      }
    }
    try {
      expect(await migrate(ch.client, undefined, [{ ...m16, version: 990, name: '990_race' }])).toEqual([990])
    } finally {
      ch.client.command = command
    }
    expect(raced).toBe(1)
    const [table] = await queryRows<{ q: string }>(
      ch.client,
      `SELECT create_table_query AS q FROM system.tables
       WHERE database = currentDatabase() AND name = 'tally_skill_facets'`,
    )
    expect(table!.q).toContain('PROJECTION by_skill')
  })
})

describe('writer + trends', () => {
  it('flushes on size and time, and counts each ad once across re-writes and re-extractions', async () => {
    const writer = new BatchWriter(ch.client, { maxRows: 3, flushMs: 20 })
    const ad = (id: string, day: string, version: number) => ({
      ad_id: id,
      source: 'hn',
      source_id: id,
      thread_id: 't',
      url: '',
      posted_at: `${day} 10:00:00`,
      posted_day: day,
      company: '',
      title: '',
      seniority: 'unknown',
      work_mode: 'unknown',
      remote_region: '',
      country: '',
      employment_type: 'unknown',
      role_family: 'other',
      industries: [],
      visa_sponsorship: null,
      skills: [],
      salary_raw: '',
      salary_min: null,
      salary_max: null,
      salary_currency: '',
      salary_period: '',
      salary_kind: '',
      salary_source: '',
      salary_annual_min_usd: null,
      salary_annual_max_usd: null,
      salary_confidence: 0,
      extractor_version: version,
      extracted_at: `2026-01-01 00:00:0${version}.000`,
    })
    const skill = (id: string, day: string, s: string, version: number) => ({
      skill: s,
      posted_day: day,
      ad_id: id,
      extractor_version: version,
      source: 'hn',
      category: 'language',
      inferred: 0,
      evidence: [s],
      extracted_at: `2026-01-01 00:00:0${version}.000`,
    })
    await Promise.all([
      writer.insert('ad_skills', [
        skill('a', '2026-01-05', 'python', 1),
        skill('b', '2026-01-06', 'python', 1),
        skill('c', '2026-02-01', 'go', 1),
        // An inferred parent (Rails → Ruby) is stored but never counted in a share.
        { ...skill('c', '2026-02-01', 'python', 1), inferred: 1 },
      ]),
      writer.insert('ads', [ad('a', '2026-01-05', 1), ad('b', '2026-01-06', 1), ad('c', '2026-02-01', 1)]),
    ])
    // The same ads written again (a re-run), then ad b re-extracted at version 2 without python.
    await writer.insert('ads', [ad('a', '2026-01-05', 1)])
    await writer.insert('ad_skills', [skill('a', '2026-01-05', 'python', 1)])
    await writer.insert('ads', [ad('b', '2026-01-06', 2)])
    await writer.close()
    expect(writer.written.get('ads')).toBe(5)

    const points = await queryTrends(ch.client, { skills: ['python', 'go'], interval: 'month' })
    expect(points).toEqual([
      { period: '2026-01-01', skill: 'go', ads: 0, total: 2, share: 0 },
      { period: '2026-01-01', skill: 'python', ads: 1, total: 2, share: 0.5 },
      { period: '2026-02-01', skill: 'go', ads: 1, total: 1, share: 1 },
      { period: '2026-02-01', skill: 'python', ads: 0, total: 1, share: 0 },
    ])
    const filtered = await queryTrends(ch.client, {
      skills: ['go'],
      interval: 'year',
      from: '2026-02-01',
      to: '2026-12-31',
      source: 'hn',
    })
    expect(filtered).toEqual([{ period: '2026-01-01', skill: 'go', ads: 1, total: 1, share: 1 }])
  })

  it('a closed writer refuses writes', async () => {
    const writer = new BatchWriter(ch.client, { maxRows: 10, flushMs: 10 })
    await writer.close()
    await expect(writer.insert('ads', [{} as AdRow])).rejects.toThrow(/closed/)
  })
})
