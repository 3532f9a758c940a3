// The trend series' coverage is reused while the stored data is unchanged, and read again after
// a write: never an answer of older data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ClickHouseHandle } from '../clickhouse/client.ts'
import { queryCoverage, queryCoverageKept } from './coverage.ts'
import { NO_FILTERS } from './filters.ts'
import { makeAd, openTempClickHouse, writeAds } from './test-fixture.ts'

let ch: ClickHouseHandle
beforeAll(async () => {
  ch = await openTempClickHouse()
})
afterAll(async () => ch?.close())

describe('queryCoverageKept', () => {
  it('reuses the answer until a write, then answers from the new data', async () => {
    await writeAds(ch, [makeAd({ id: 'a', day: '2017-01-10', skills: ['python'] })])
    const first = await queryCoverageKept(ch.client, NO_FILTERS)
    expect(first).toEqual(await queryCoverage(ch.client, NO_FILTERS))
    expect(first.find((r) => r.period === '2017-01-01')?.ads).toBe(1)
    // Unchanged data (another date window asks the same all-dates answer): the same rows.
    expect(await queryCoverageKept(ch.client, { ...NO_FILTERS, from: '2017-01-01' })).toBe(first)

    await writeAds(ch, [makeAd({ id: 'b', day: '2017-01-11', skills: ['go'] })])
    const after = await queryCoverageKept(ch.client, NO_FILTERS)
    expect(after).not.toBe(first)
    expect(after.find((r) => r.period === '2017-01-01')?.ads).toBe(2)
    expect(after).toEqual(await queryCoverage(ch.client, NO_FILTERS))
  })
})
