// /healthz's check against real parts: chDB, and BullMQ pointed at a port where no Redis listens.
// A burst of probes costs one ClickHouse ping; a queue that cannot connect is reported down.
import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ClickHouseClient } from '@clickhouse/client'
import { createClickHouse, type ClickHouseHandle } from './clickhouse/index.ts'
import { createHealthCheck } from './health.ts'
import { BullmqQueue, InProcessQueue } from './queue/index.ts'

let handle: ClickHouseHandle
let pings = 0

function countingPings(ch: ClickHouseClient): ClickHouseClient {
  return new Proxy(ch, {
    get(target, prop, receiver) {
      if (prop !== 'ping') return Reflect.get(target, prop, receiver) as unknown
      return () => {
        pings++
        return target.ping()
      }
    },
  })
}

beforeAll(async () => {
  handle = await createClickHouse({
    DATA_DIR: mkdtempSync(join(tmpdir(), 'stackradar-health-')),
    CLICKHOUSE_URL: undefined,
    CLICKHOUSE_USER: 'default',
    CLICKHOUSE_PASSWORD: '',
    CLICKHOUSE_DATABASE: 'stackradar',
  })
})
afterAll(async () => handle?.close())

describe('health check', () => {
  it('answers a burst of probes with one ClickHouse ping', async () => {
    const check = createHealthCheck(countingPings(handle.client), new InProcessQueue(), { maxAgeMs: 60_000 })
    const results = await Promise.all(Array.from({ length: 20 }, () => check()))
    expect(results.every((r) => r.ok && r.clickhouse.up && r.queue.up)).toBe(true)
    expect(pings).toBe(1)
  })

  it('reports a queue whose Redis cannot be reached as down, with the reason', async () => {
    const srv = createServer()
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r))
    const port = (srv.address() as { port: number }).port
    await new Promise((r) => srv.close(r))
    const queue = new BullmqQueue({ redisUrl: `redis://127.0.0.1:${port}`, prefix: 'health', lockMs: 1000 })
    try {
      const h = await createHealthCheck(handle.client, queue)()
      expect(h.ok).toBe(false)
      expect(h.clickhouse.up).toBe(true)
      expect(h.queue).toMatchObject({ kind: 'bullmq', up: false })
      await expect(queue.counts('scrape')).rejects.toThrow(/queue unavailable/)
    } finally {
      await queue.close(100)
    }
  })
})
