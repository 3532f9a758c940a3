// The BullMQ backend on a real redis-server: jobs run, failures retry, permanent errors stop,
// duplicate job ids are queued once, and withLock is exclusive across two backends (processes).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BullmqQueue, PermanentError } from '@stackradar/core/queue'
import { startRedis } from './support/redis-server.ts'
import { waitFor } from './support/wait.ts'

let redis: Awaited<ReturnType<typeof startRedis>>
const backends: BullmqQueue[] = []
const make = (prefix: string) => {
  const q = new BullmqQueue({ redisUrl: redis.url, prefix, lockMs: 5000 })
  backends.push(q)
  return q
}

beforeAll(async () => {
  redis = await startRedis()
})
afterAll(async () => {
  await Promise.all(backends.map((b) => b.close(2000)))
  await redis?.stop()
})

describe('BullmqQueue', () => {
  it('runs jobs, retries failures, stops at permanent errors and dedupes job ids', async () => {
    const q = make('t1')
    const attempts = new Map<string, number>()
    q.work(
      'extract',
      async (p, ctx) => {
        const id = p.adIds[0]!
        attempts.set(id, ctx.attempt)
        if (id === 'flaky' && ctx.attempt < 2) throw new Error('transient')
        if (id === 'bad') throw new PermanentError('never')
      },
      { concurrency: 2 },
    )
    await q.enqueue('extract', { adIds: ['ok'] }, { jobId: 'same' })
    await q.enqueue('extract', { adIds: ['dup'] }, { jobId: 'same' })
    await q.enqueue('extract', { adIds: ['flaky'] })
    await q.enqueue('extract', { adIds: ['bad'] })
    await waitFor(
      'jobs settled',
      () => q.counts('extract'),
      (c) => c.waiting + c.active + c.delayed === 0 && c.failed === 1,
      30_000,
    )
    expect(Object.fromEntries(attempts)).toEqual({ ok: 1, flaky: 2, bad: 1 })
    await expect(q.enqueue('extract', { adIds: [] })).rejects.toThrow()
  })

  it('withLock is exclusive across backends', async () => {
    const a = make('t2')
    const b = make('t2')
    let inside = 0
    let max = 0
    const section = (q: BullmqQueue) =>
      q.withLock('k', async () => {
        inside++
        max = Math.max(max, inside)
        await new Promise((r) => setTimeout(r, 30))
        inside--
      })
    await Promise.all([section(a), section(b), section(a), section(b)])
    expect(max).toBe(1)
  })
})
