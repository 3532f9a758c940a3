// Co-occurrence under a filter starts counting together before the filter's own counts are in,
// from the skills common over all dates and boards. When that guess misses (here the skill seen
// with the anchor is rare everywhere else, so the first pass counts python, docker and go alone),
// the second pass still counts it: the answer is the raw path's.
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { ClickHouseHandle } from '../clickhouse/client.ts'
import { tallies } from '../tables/tallies.ts'
import { queryCooccurrence } from './cooccurrence.ts'
import { NO_FILTERS } from './filters.ts'
import { withAnalyticsPath } from './query-path.ts'
import { makeAd, openTempClickHouse, writeAds } from './test-fixture.ts'

let ch: ClickHouseHandle
beforeAll(async () => {
  ch = await openTempClickHouse()
  const common = Array.from({ length: 12 }, (_, i) =>
    makeAd({ id: `us-${i}`, day: '2024-03-04', skills: ['python', 'docker', 'go', 'elixir'], country: 'US' }),
  )
  // In Iceland, elixir with zig (seen nowhere else) on 3 jobs, and with python on one.
  const iceland = [
    ...[0, 1, 2].map((i) =>
      makeAd({ id: `is-${i}`, day: '2024-03-05', skills: ['elixir', 'zig'], country: 'IS' }),
    ),
    makeAd({ id: 'is-3', day: '2024-03-05', skills: ['elixir', 'python'], country: 'IS' }),
  ]
  await writeAds(ch, [...common, ...iceland])
  expect(await tallies.refresh(ch.client, { settleMs: 0 })).toEqual({ done: 'full' })
})
afterAll(async () => ch?.close())

it('counts a skill the guess of common skills left out, as the raw path does', async () => {
  const ask = () =>
    queryCooccurrence(ch.client, {
      filters: { ...NO_FILTERS, country: ['IS'] },
      skills: ['elixir'],
      limit: 1,
    })
  const answer = await ask()
  expect(answer.rows.map((r) => [r.skill, r.ads, r.skillAds])).toEqual([['zig', 3, 3]])
  expect(answer).toEqual(await withAnalyticsPath('raw', ask))
})
