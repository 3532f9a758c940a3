// The same job on two boards plus a re-extraction and a re-run: every analytics query counts it
// once, at its current extraction.
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { ClickHouseHandle } from '../clickhouse/client.ts'
import { queryBreakdown } from './breakdown.ts'
import { queryCooccurrence } from './cooccurrence.ts'
import { NO_FILTERS } from './filters.ts'
import { queryRankings } from './rankings.ts'
import { querySalaries } from './salaries.ts'
import { querySkillCatalog } from './skills.ts'
import { makeAd, openTempClickHouse, writeAds } from './test-fixture.ts'

let ch: ClickHouseHandle
beforeAll(async () => {
  ch = await openTempClickHouse()
  const job = {
    dedupe: 'job-1',
    day: '2020-05-04',
    skills: ['go', 'postgresql'],
    usdMin: 100_000,
    usdMax: 120_000,
  }
  const v1 = {
    id: 'hn-9',
    day: '2020-05-06',
    skills: ['ruby', 'mysql'],
    extractedAt: '2026-01-01 00:00:00.000',
  }
  const v2 = { ...v1, skills: ['go', 'mysql'], version: 2, extractedAt: '2026-02-01 00:00:00.000' }
  await writeAds(ch, [
    makeAd({ ...job, id: 'board-x:1', source: 'board-x', work_mode: 'remote' }),
    makeAd({ ...job, id: 'board-y:7', source: 'board-y', work_mode: 'remote' }),
    makeAd(v1),
  ])
  // Re-extraction at version 2, written twice (a re-run after a crash).
  await writeAds(ch, [makeAd(v2)])
  await writeAds(ch, [makeAd(v2)])
})
afterAll(async () => ch?.close())

it('counts a cross-posted job once and a re-extracted ad at its newest version only', async () => {
  const filters = { ...NO_FILTERS, from: '2020-01-01', to: '2020-12-31' }
  const r = await queryRankings(ch.client, {
    filters,
    compare: { from: '2019-01-01', to: '2019-12-31' },
    minCount: 1,
    sort: 'rank',
    order: 'asc',
  })
  expect(r.window.total).toBe(2)
  const ads = Object.fromEntries(r.ranked.map((x) => [x.skill, x.ads]))
  expect(ads).toEqual({ go: 2, postgresql: 1, mysql: 1 })

  const cat = await querySkillCatalog(ch.client, filters)
  expect(cat.total).toBe(2)
  expect(cat.skills.find((s) => s.id === 'ruby')!.noData).toBe(true)

  const co = await queryCooccurrence(ch.client, { filters, skills: ['go'], limit: 10 })
  expect(co.anchorAds).toBe(2)
  expect(co.rows.map((x) => [x.skill, x.ads])).toEqual([
    ['mysql', 1],
    ['postgresql', 1],
  ])

  const sal = await querySalaries(ch.client, {
    filters,
    by: 'skill',
    skills: ['go'],
    interval: 'all',
    currency: 'USD',
    minN: 1,
  })
  expect(sal.cells).toMatchObject([{ group: 'go', n: 1, median: 110_000 }])

  const remote = await queryBreakdown(ch.client, { filters, facet: 'work_mode', interval: 'all' })
  expect(remote.find((x) => x.value === 'remote')).toMatchObject({ ads: 1, total: 2, share: 0.5 })
})
