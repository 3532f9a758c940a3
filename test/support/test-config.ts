// Config for a pipeline under test: local fixture URLs, no politeness delay, fast retries.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseConfig, type Config } from '@stackradar/core/config'

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `stackradar-${prefix}-`))
}

export function testEnv(fixtureUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    HN_ALGOLIA_URL: fixtureUrl,
    HN_WEB_URL: fixtureUrl,
    HN_SINCE: '2026-07',
    // The fixture sites render HN's thread pages; tests of the Algolia reader set 'algolia'.
    HN_THREAD_READER: 'html',
    HOST_DELAY_MS: '0',
    ALLOW_PRIVATE_HOSTS: '127.0.0.1',
    HTTP_RETRIES: '3',
    HTTP_TIMEOUT_MS: '10000',
    WRITER_FLUSH_MS: '50',
    EXTRACT_BATCH: '10',
    ...extra,
  }
}

export function testConfig(fixtureUrl: string, extra: Record<string, string> = {}): Config {
  return parseConfig(testEnv(fixtureUrl, extra))
}
