// The projections that serve per-ad lookups (migrations 020, 021: ads by day, ad_skills by day and
// ad) hold the same rows as their tables: before merges, and after a merge that collapses an ad's
// older extraction (the engine rebuilds the merged part's projection), so a read the engine answers
// from a projection matches one that reads the table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ClickHouseHandle } from '../clickhouse/client.ts'
import { queryRows } from '../clickhouse/query.ts'
import { makeAd, openTempClickHouse, writeAds, type FixtureAd } from '../analytics/test-fixture.ts'

let ch: ClickHouseHandle
beforeAll(async () => {
  ch = await openTempClickHouse()
})
afterAll(async () => ch?.close())

const BOARDS = ['hn', 'board-a', 'board-b']
const day = (i: number) => `2018-01-${String(1 + (i % 28)).padStart(2, '0')}`

function first(i: number): FixtureAd {
  return makeAd({ id: `p${i}`, source: BOARDS[i % 3]!, day: day(i), skills: ['go', 'sql'] })
}

/**
 * Every fifth ad extracted again later (the same extractor version, one skill changed): its ads row
 * and its unchanged skill's ad_skills row collapse to the newer extraction.
 */
function again(i: number): FixtureAd {
  return { ...first(i), skills: ['go', 'rust'], extractedAt: '2026-02-01 00:00:00.000' }
}

const PROJECTIONS = [
  { table: 'ads', projection: 'by_day', columns: `ad_id, arrayStringConcat(skills, '+')` },
  { table: 'ad_skills', projection: 'by_ad', columns: 'ad_id, skill, extractor_version' },
] as const

/** Every stored row (no collapsing at read), from the table's parts or from their projection. */
async function rows(table: string, projection: string | null, columns: string): Promise<string[]> {
  const from = projection ? `mergeTreeProjection(currentDatabase(), ${table}, ${projection})` : table
  const found = await queryRows<{ row: string }>(
    ch.client,
    `SELECT concat(toString(tuple(${columns})), '@', toString(extracted_at)) AS row FROM ${from}`,
  )
  return found.map((r) => r.row).sort()
}

describe('per-ad projections (migrations 020, 021)', () => {
  const ids = Array.from({ length: 300 }, (_, i) => i)
  beforeAll(async () => {
    await writeAds(ch, ids.map(first))
    await writeAds(ch, ids.filter((i) => i % 5 === 0).map(again))
  })

  it.each(PROJECTIONS)(
    '$table ($projection) holds the table’s rows, before and after a collapsing merge',
    async ({ table, projection, columns }) => {
      const before = await rows(table, null, columns)
      expect(before.length).toBeGreaterThan(ids.length)
      expect(await rows(table, projection, columns)).toEqual(before)

      // The merge drops the older extraction of every fifth ad from the part: its projection too.
      await ch.client.command({ query: `OPTIMIZE TABLE ${table} FINAL` })
      const after = await rows(table, null, columns)
      expect(after.length).toBeLessThan(before.length)
      expect(await rows(table, projection, columns)).toEqual(after)
    },
  )

  it('after the merge, each ad keeps its newest extraction alone', async () => {
    const kept = await rows('ads', null, `ad_id, arrayStringConcat(skills, '+')`)
    expect(kept).toEqual(
      ids
        .map((i) =>
          i % 5 === 0
            ? `('p${i}','go+rust')@2026-02-01 00:00:00.000`
            : `('p${i}','go+sql')@2026-01-01 00:00:00.000`,
        )
        .sort(),
    )
  })
})
