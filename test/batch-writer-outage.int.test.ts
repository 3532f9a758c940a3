// The batched writer through a ClickHouse outage (the chDB-backed HTTP fixture stopped, then
// restarted on the same port and data): an insert made while the server is away waits and is
// stored once it is back, instead of failing its job; the log says "down" and "back" once each.
import { afterAll, describe, expect, it } from 'vitest'
import { createClient } from '@clickhouse/client'
import { BatchWriter, migrate } from '@stackradar/core/clickhouse'
import {
  spawnClickHouseHttpFixture,
  type SpawnedClickHouseHttpFixture,
} from './support/clickhouse-http-fixture.ts'
import { freePort } from './support/redis-server.ts'
import { tempDir } from './support/test-config.ts'

const dir = tempDir('writer-outage')
let server: SpawnedClickHouseHttpFixture | undefined
afterAll(async () => server?.stop())

describe('BatchWriter through a ClickHouse outage', () => {
  it('keeps the rows and stores them when the server returns', async () => {
    const port = await freePort()
    server = await spawnClickHouseHttpFixture({ path: dir, port })
    const client = createClient({ url: server.url })
    await migrate(client)
    // A real table of the schema (the writer is typed by table): http_cache rows keyed by url.
    const row = (url: string) => ({
      url,
      etag: '',
      last_modified: '',
      body: '',
      updated_at: '2026-01-01 00:00:00.000',
    })
    const lines: string[] = []
    const log = {
      warn: (_o: object, m: string) => lines.push(m),
      info: (_o: object, m: string) => lines.push(m),
      error: (_o: object, m: string) => lines.push(m),
    }
    const writer = new BatchWriter(client, {
      maxRows: 1000,
      flushMs: 20,
      outageMs: 120_000,
      log: log as never,
    })
    await writer.insert('http_cache', [row('before')])

    await server.stop()
    let settled: 'stored' | Error | undefined
    const during = writer.insert('http_cache', [row('during-1'), row('during-2')]).then(
      () => (settled = 'stored'),
      (err: Error) => (settled = err),
    )
    await new Promise((r) => setTimeout(r, 3_000)) // several retry rounds against a closed port
    expect(settled).toBeUndefined()
    server = await spawnClickHouseHttpFixture({ path: dir, port })
    await during
    expect(settled).toBe('stored')

    const rs = await client.query({ query: 'SELECT url FROM http_cache ORDER BY url', format: 'JSONEachRow' })
    expect((await rs.json<{ url: string }>()).map((r) => r.url)).toEqual(['before', 'during-1', 'during-2'])
    expect(lines.filter((l) => /clickhouse unreachable/.test(l))).toHaveLength(1)
    expect(lines.filter((l) => /clickhouse reachable again/.test(l))).toHaveLength(1)
    expect(lines.filter((l) => /batch insert failed/.test(l))).toHaveLength(0)
    await writer.close()
    await client.close()
  })
})
