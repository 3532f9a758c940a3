// The query layer's held rollup state: reused while young, refreshed in the background past half
// its lifetime (the held state answers meanwhile), and never older than ROLLUP_STATE_TTL_MS: past
// that a caller waits for a fresh read. A clock the test sets stands in for time.
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { ClickHouseClient } from '@clickhouse/client'
import type { ClickHouseHandle } from '../clickhouse/client.ts'
import { ROLLUP_STATE_TTL_MS, rollups } from '../tables/rollups.ts'
import { cachedRollupState } from './query-path.ts'
import { openTempClickHouse } from './test-fixture.ts'

let ch: ClickHouseHandle
beforeAll(async () => {
  ch = await openTempClickHouse()
})
afterAll(async () => ch?.close())

/** The client, counting the state reads (the query naming rollup_state FINAL). */
function counting(client: ClickHouseClient): { client: ClickHouseClient; reads: () => number } {
  let n = 0
  const proxy = new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === 'query')
        return (p: { query: string }) => {
          if (p.query.includes('rollup_state FINAL')) n++
          return target.query(p as never)
        }
      return Reflect.get(target, prop, receiver) as unknown
    },
  })
  return { client: proxy, reads: () => n }
}

it('refreshes ahead in the background and never answers from a read older than its lifetime', async () => {
  const { client, reads } = counting(ch.client)
  const T = ROLLUP_STATE_TTL_MS
  const at = (ms: number) => () => ms
  await rollups.record(ch.client, [{ name: 'stale:2017-01', status: 'stale' }])

  const first = cachedRollupState(client, at(0))
  expect((await first).stale).toEqual(['2017-01'])
  expect(reads()).toBe(1)
  // Young: held, no read.
  expect(cachedRollupState(client, at(T * 0.4))).toBe(first)
  expect(reads()).toBe(1)

  // A change, then past half the lifetime: the held state answers at once, a read starts.
  await rollups.record(ch.client, [{ name: 'stale:2017-01', status: 'fresh' }])
  expect(cachedRollupState(client, at(T * 0.6))).toBe(first)
  expect(reads()).toBe(2)
  // One read ahead at a time.
  expect(cachedRollupState(client, at(T * 0.65))).toBe(first)
  expect(reads()).toBe(2)
  // Once it is in, callers get it: the change is seen.
  await new Promise((r) => setTimeout(r, 0))
  await first
  let next = cachedRollupState(client, at(T * 0.7))
  for (let i = 0; i < 50 && next === first; i++) {
    await new Promise((r) => setTimeout(r, 20))
    next = cachedRollupState(client, at(T * 0.7))
  }
  expect(next).not.toBe(first)
  expect((await next).stale).toEqual([])
  expect(reads()).toBe(2)

  // Past the lifetime of the held read (started at 0.6 T): the caller waits for a fresh read.
  const late = cachedRollupState(client, at(T * 1.7))
  expect(late).not.toBe(next)
  expect(reads()).toBe(3)
  await late
})
