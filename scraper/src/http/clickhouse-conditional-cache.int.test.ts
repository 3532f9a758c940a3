// Validators stored in ClickHouse survive a new process (a new cache instance with empty memory).
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClickHouse, type ClickHouseHandle } from '@stackradar/core/clickhouse'
import { migrate } from '@stackradar/core/clickhouse'
import { ClickHouseConditionalCache } from './clickhouse-conditional-cache.ts'

let ch: ClickHouseHandle

beforeAll(async () => {
  ch = await createClickHouse({
    DATA_DIR: mkdtempSync(join(tmpdir(), 'stackradar-httpcache-')),
    CLICKHOUSE_URL: undefined,
    CLICKHOUSE_USER: 'default',
    CLICKHOUSE_PASSWORD: '',
    CLICKHOUSE_DATABASE: 'stackradar',
  })
  await migrate(ch.client)
})
afterAll(async () => ch?.close())

describe('ClickHouseConditionalCache', () => {
  it('keeps validators and body across instances, newest entry wins', async () => {
    const first = new ClickHouseConditionalCache(ch.client)
    await first.set('https://boards.example/jobs', { etag: '"v1"', body: '{"jobs":[]}' })
    await first.set('https://boards.example/jobs', {
      etag: '"v2"',
      lastModified: 'Wed, 25 Nov 2026 10:00:00 GMT',
      body: '{"jobs":[1]}',
    })
    const second = new ClickHouseConditionalCache(ch.client)
    expect(await second.get('https://boards.example/jobs')).toEqual({
      etag: '"v2"',
      lastModified: 'Wed, 25 Nov 2026 10:00:00 GMT',
      body: '{"jobs":[1]}',
    })
    expect(await second.get('https://boards.example/other')).toBeNull()
  })
})
