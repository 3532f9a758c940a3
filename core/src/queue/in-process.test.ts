import { describe, expect, it } from 'vitest'
import { InProcessQueue } from './in-process.ts'
import { PermanentError } from './errors.ts'

describe('InProcessQueue', () => {
  it('runs jobs with the given concurrency and dedupes by job id', async () => {
    const q = new InProcessQueue()
    let running = 0
    let max = 0
    const seen: string[] = []
    q.work(
      'extract',
      async (p) => {
        running++
        max = Math.max(max, running)
        await new Promise((r) => setTimeout(r, 5))
        seen.push(p.adIds[0]!)
        running--
      },
      { concurrency: 2 },
    )
    for (const id of ['a', 'b', 'c', 'd']) await q.enqueue('extract', { adIds: [id] })
    await q.enqueue('extract', { adIds: ['x'] }, { jobId: 'same' })
    await q.enqueue('extract', { adIds: ['y'] }, { jobId: 'same' })
    await q.idle()
    expect(max).toBe(2)
    expect(seen.sort()).toEqual(['a', 'b', 'c', 'd', 'x'])
  })

  it('retries failures and stops at a permanent error', async () => {
    const q = new InProcessQueue()
    const attempts: Record<string, number> = {}
    q.work(
      'extract',
      async (p, ctx) => {
        const id = p.adIds[0]!
        attempts[id] = ctx.attempt
        if (id === 'flaky' && ctx.attempt < 2) throw new Error('transient')
        if (id === 'bad') throw new PermanentError('never')
      },
      { concurrency: 1 },
    )
    await q.enqueue('extract', { adIds: ['flaky'] })
    await q.enqueue('extract', { adIds: ['bad'] })
    await q.idle()
    expect(attempts).toEqual({ flaky: 2, bad: 1 })
    expect((await q.counts('extract')).failed).toBe(1)
  })

  it('rejects an invalid payload at enqueue time', async () => {
    const q = new InProcessQueue()
    await expect(q.enqueue('extract', { adIds: [] })).rejects.toThrow()
  })

  it('close waits for running jobs', async () => {
    const q = new InProcessQueue()
    let finished = false
    q.work(
      'extract',
      async () => {
        await new Promise((r) => setTimeout(r, 50))
        finished = true
      },
      { concurrency: 1 },
    )
    await q.enqueue('extract', { adIds: ['a'] })
    await new Promise((r) => setTimeout(r, 5))
    await q.close(5000)
    expect(finished).toBe(true)
  })
})

describe('InProcessQueue.withLock', () => {
  it('runs critical sections one at a time, also after a failure', async () => {
    const q = new InProcessQueue()
    const order: string[] = []
    const section = (name: string, fail = false) =>
      q.withLock('k', async () => {
        order.push(`${name}:in`)
        await new Promise((r) => setTimeout(r, 10))
        order.push(`${name}:out`)
        if (fail) throw new Error('boom')
      })
    await Promise.allSettled([section('a', true), section('b'), section('c')])
    expect(order).toEqual(['a:in', 'a:out', 'b:in', 'b:out', 'c:in', 'c:out'])
  })
})
