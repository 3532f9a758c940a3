// The SourceHttp that board sources get: PoliteFetcher (robots.txt, private-address guard,
// per-host delay, conditional requests, retries) and, only when a source needs JavaScript, the
// Playwright browser pool, launched on first use; rendered pages obey the same robots.txt and
// per-host turn as plain requests.
import type { Config } from '@stackradar/core/config'
import type { Logger } from '@stackradar/core/logger'
import type { ClickHouseClient } from '@clickhouse/client'
import { ClickHouseConditionalCache } from './http/clickhouse-conditional-cache.ts'
import { MemoryConditionalCache } from './http/conditional-cache.ts'
import { HostBudget } from './http/host-budget.ts'
import { PoliteFetcher } from './http/polite-fetcher.ts'
import { CircuitBreaker } from './politeness/circuit-breaker.ts'
import { createPolitenessState } from './politeness/politeness-state.ts'
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
  // Distributed mode (REDIS_URL): host turns, robots.txt answers and breakers shared by all scrape processes.
  const politeness = createPolitenessState({
    redisUrl: cfg.REDIS_URL,
    prefix: cfg.QUEUE_PREFIX,
    hostDelayMs: cfg.HOST_DELAY_MS,
    breakerCooldownMs: cfg.HOST_BREAKER_COOLDOWN_MS,
    logger: log,
  })
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
    gate: politeness.gate,
    ...(politeness.robotsStore && { robotsStore: politeness.robotsStore }),
    breaker: new CircuitBreaker({
      failureThreshold: cfg.HOST_BREAKER_FAILURES,
      cooldownMs: cfg.HOST_BREAKER_COOLDOWN_MS,
      store: politeness.breakerStore,
      logger: log,
    }),
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
  // `budget`: one run's time budget per host; a request it cuts short fails as HostBudgetSpentError.
  const sourceHttp = (budget?: HostBudget): SourceHttp => {
    const within = async <T>(url: string, go: (signal?: AbortSignal) => Promise<T>): Promise<T> => {
      if (!budget) return go()
      const signal = budget.signalFor(url)
      try {
        return await go(signal)
      } catch (error) {
        throw signal.aborted ? budget.spent(url, error) : error
      }
    }
    return {
      text: (url, opts) =>
        within(url, async (signal) => {
          const r = await fetcher.text(url, { ...opts, ...(signal && { signal }) })
          return { status: r.status, body: r.body, url: r.url }
        }),
      json: (url, opts) =>
        within(url, async (signal) => {
          const r = await fetcher.json(url, { ...opts, ...(signal && { signal }) })
          return { status: r.status, data: r.data, url: r.url }
        }),
      rendered: (url) =>
        within(url, async (signal) => {
          const pool = await browser()
          return fetcher.politely(url, () => pool.render(url), signal)
        }),
      forRun: () => sourceHttp(new HostBudget(cfg.HOST_RUN_BUDGET_MS)),
    }
  }
  const http = sourceHttp()
  return {
    http,
    fetcher,
    close: async () => {
      if (pool) await (await pool).close()
      await politeness.close()
    },
  }
}
