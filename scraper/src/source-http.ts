// The SourceHttp that board sources get: PoliteFetcher (robots.txt, private-address guard,
// per-host delay, conditional requests, retries) and, only when a source needs JavaScript, the
// Playwright browser pool, launched on first use; rendered pages obey the same robots.txt and
// per-host turn as plain requests.
import type { Config } from '@stackradar/core/config'
import type { Logger } from '@stackradar/core/logger'
import type { ClickHouseClient } from '@clickhouse/client'
import { ClickHouseConditionalCache } from './http/clickhouse-conditional-cache.ts'
import { MemoryConditionalCache } from './http/conditional-cache.ts'
import { PoliteFetcher } from './http/polite-fetcher.ts'
import type { SourceHttp } from './sources/types.ts'
import type { BrowserPool } from './browser/index.ts'

export interface SourceHttpHandle {
  http: SourceHttp
  fetcher: PoliteFetcher
  close(): Promise<void>
}

/** `ch`: keep conditional-request validators in ClickHouse (shared, survive restarts); else in memory. */
export function createSourceHttp(
  cfg: Config,
  allowPrivate: string[],
  log: Logger,
  ch?: ClickHouseClient,
): SourceHttpHandle {
  const fetcher = new PoliteFetcher({
    userAgent: cfg.USER_AGENT,
    timeoutMs: cfg.HTTP_TIMEOUT_MS,
    maxBytes: cfg.HTTP_MAX_BYTES,
    retries: cfg.HTTP_RETRIES,
    hostDelayMs: cfg.HOST_DELAY_MS,
    allowPrivate,
    robots: true,
    cache: ch ? new ClickHouseConditionalCache(ch) : new MemoryConditionalCache(64 * 1024 * 1024),
    logger: log,
  })
  let pool: Promise<BrowserPool> | undefined
  const browser = () =>
    (pool ??= import('./browser/index.ts').then(
      ({ BrowserPool }) =>
        new BrowserPool({
          executablePath: cfg.CHROMIUM_PATH,
          allowPrivate,
          userAgent: cfg.USER_AGENT,
          logger: log,
        }),
    ))
  const http: SourceHttp = {
    text: async (url, opts) => {
      const r = await fetcher.text(url, opts)
      return { status: r.status, body: r.body, url: r.url }
    },
    json: async (url, opts) => {
      const r = await fetcher.json(url, opts)
      return { status: r.status, data: r.data, url: r.url }
    },
    rendered: async (url) => {
      const pool = await browser()
      return fetcher.politely(url, () => pool.render(url))
    },
  }
  return {
    http,
    fetcher,
    close: async () => {
      if (pool) await (await pool).close()
    },
  }
}
