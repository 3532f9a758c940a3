// For the API's tests: createApp() over a real embedded ClickHouse (chDB in a temp dir, migrated)
// and an in-process queue, exactly as `npm start` wires it.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createClickHouse, migrate, type ClickHouseHandle } from '@stackradar/core/clickhouse'
import { parseConfig } from '@stackradar/core/config'
import { logger } from '@stackradar/core/logger'
import { InProcessQueue } from '@stackradar/core/queue'
import { createApp } from './app.ts'

export interface TestApp {
  app: ReturnType<typeof createApp>
  get(path: string, init?: RequestInit): Promise<{ status: number; headers: Headers; body: unknown }>
  close(): Promise<void>
}

export async function createTestApp(): Promise<TestApp> {
  const cfg = parseConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'stackradar-api-')) })
  const ch: ClickHouseHandle = await createClickHouse(cfg)
  await migrate(ch.client)
  const app = createApp({ ch: ch.client, queue: new InProcessQueue(), log: logger('api-test'), sources: [] })
  return {
    app,
    async get(path, init) {
      const res = await app.request(path, init)
      const text = await res.text()
      let body: unknown = text
      try {
        body = JSON.parse(text)
      } catch {
        // not JSON: the test looks at the text
      }
      return { status: res.status, headers: res.headers, body }
    },
    close: () => ch.close(),
  }
}
