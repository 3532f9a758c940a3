// The newest day with an ad (the end of "now" windows): read from the tallies once per build mark
// and kept, never kept past a change. A write moves the question to the rollups (the tallies no
// longer cover it) and shows the new day; the refresh sets a new mark, under which the tallies'
// answer is read afresh. Each value of a facet is its own question.
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { ClickHouseClient } from '@clickhouse/client'
import type { ClickHouseHandle } from '../clickhouse/client.ts'
import { ROLLUP_STATE_TTL_MS, rollups } from '../tables/rollups.ts'
import { tallies } from '../tables/tallies.ts'
import { NO_FILTERS } from './filters.ts'
import { newestAndHolding, newestDay } from './tally-kept.ts'
import { adRowOf, makeAd, openTempClickHouse, writeAds, type FixtureAd } from './test-fixture.ts'

let ch: ClickHouseHandle
beforeAll(async () => {
  ch = await openTempClickHouse()
})
afterAll(async () => ch?.close())

/** The client, counting the newest-day reads by the table they read ('holding': the estimate's). */
function counting(client: ClickHouseClient): { client: ClickHouseClient; reads: Map<string, number> } {
  const reads = new Map<string, number>()
  const proxy = new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === 'query')
        return (p: { query: string }) => {
          const table = p.query.includes('AS holding')
            ? 'holding'
            : /max\(posted_day\).*?FROM (\w+)/s.exec(p.query)?.[1]
          if (table) reads.set(table, (reads.get(table) ?? 0) + 1)
          return target.query(p as never)
        }
      return Reflect.get(target, prop, receiver) as unknown
    },
  })
  return { client: proxy, reads }
}

async function journalledWrite(ads: FixtureAd[]): Promise<void> {
  const entry = await rollups.writeStarted(ch.client, ads.map(adRowOf))
  await writeAds(ch, ads)
  await rollups.writeDone(ch.client, entry)
}

/** Past the query layer's held rollup state: the next question sees the state as it is now. */
const stateExpires = () => new Promise((r) => setTimeout(r, ROLLUP_STATE_TTL_MS + 50))

it('reads the newest day (and the search estimate) from the tallies once per build mark, and a newer day at once after a write', async () => {
  const { client, reads } = counting(ch.client)
  const us = { ...NO_FILTERS, country: ['US'] }
  await writeAds(ch, [
    makeAd({ id: 'a', day: '2017-03-05', skills: ['python'], country: 'GB' }),
    makeAd({ id: 'b', day: '2017-02-01', skills: ['go'], country: 'US' }),
  ])
  expect(await tallies.refresh(ch.client, { settleMs: 0 })).toEqual({ done: 'full' })
  await stateExpires()

  expect(await newestDay(client, NO_FILTERS)).toBe('2017-03-05')
  expect(await newestDay(client, NO_FILTERS)).toBe('2017-03-05')
  expect(await newestDay(client, us)).toBe('2017-02-01')
  expect(await newestDay(client, us)).toBe('2017-02-01')
  // One read per question from the all-boards tally and the facet tally.
  expect(Object.fromEntries(reads)).toEqual({ tally_ads: 1, tally_facets: 1 })
  const holding = { filters: NO_FILTERS, skill: 'python', cap: '2030-01-01', days: 60, need: 1 }
  expect(await newestAndHolding(client, holding)).toEqual({ top: '2017-03-05', holding: '2017-03-05' })
  expect(await newestAndHolding(client, holding)).toEqual({ top: '2017-03-05', holding: '2017-03-05' })
  expect(reads.get('holding')).toBe(1)

  // A newer ad: the tallies no longer cover every change, so the rollups answer, each time.
  await journalledWrite([makeAd({ id: 'c', day: '2018-02-02', skills: ['python'], country: 'US' })])
  await stateExpires()
  expect(await newestDay(client, NO_FILTERS)).toBe('2018-02-02')
  expect(await newestDay(client, us)).toBe('2018-02-02')
  expect(await newestDay(client, us)).toBe('2018-02-02')
  expect(reads.get('rollup_ads')).toBe(3)

  // Refreshed: a new mark, under which the tallies are read again, once per question.
  expect((await tallies.refresh(ch.client, { settleMs: 0 })).done).toBe('months')
  await stateExpires()
  expect(await newestDay(client, NO_FILTERS)).toBe('2018-02-02')
  expect(await newestDay(client, us)).toBe('2018-02-02')
  expect(await newestDay(client, us)).toBe('2018-02-02')
  expect(await newestAndHolding(client, holding)).toEqual({ top: '2018-02-02', holding: '2018-02-02' })
  expect(await newestAndHolding(client, holding)).toEqual({ top: '2018-02-02', holding: '2018-02-02' })
  expect(Object.fromEntries(reads)).toEqual({ tally_ads: 2, tally_facets: 2, rollup_ads: 3, holding: 2 })
})
