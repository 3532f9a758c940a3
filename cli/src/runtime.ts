// Wires the roles of one process: embedded (everything, in-process queue, chDB) or any subset of
// api / scheduler / scrape / extract on BullMQ + a ClickHouse server. The only place where the
// apps meet; each of them imports core only.
import { fileURLToPath } from 'node:url'
import { createApp, startServer } from '@stackradar/api'
import { BatchWriter, createClickHouse, type ClickHouseHandle, migrate } from '@stackradar/core/clickhouse'
import type { Config } from '@stackradar/core/config'
import { createRootLogger, logger, safeUrl } from '@stackradar/core/logger'
import { BullmqQueue, InProcessQueue, type QueueBackend } from '@stackradar/core/queue'
import { loadSourcesFile, type SourcesFile } from '@stackradar/core/sources-config'
import { UserError } from '@stackradar/core/user-error'
import { readStatus, setAnalyticsPath, type SystemStatus } from '@stackradar/core/analytics'
import { EXTRACTOR_VERSION } from '@stackradar/core/extract'
import { rollups } from '@stackradar/core/tables'
import { registerScrapeProcessors, createSourceHttp, createUrlGuard } from '@stackradar/scraper'
import { registerExtractProcessor, registerReportProcessor, Scheduler } from '@stackradar/worker'
import { loadShareSecret } from '@stackradar/core/access'
import { reportContent, reportContentOptions } from '@stackradar/core/report-content'

export const ROLES = ['api', 'scheduler', 'scrape', 'extract'] as const
export type Role = (typeof ROLES)[number]

export function parseRoles(raw: string | undefined, redisUrl: string | undefined): Role[] {
  if (!raw || raw === 'all') return [...ROLES]
  if (!redisUrl) {
    throw new UserError(
      '--role needs REDIS_URL (BullMQ): separate roles share work through Redis. Without it run all roles (embedded).',
    )
  }
  const roles = raw.split(',').map((r) => r.trim())
  for (const r of roles) {
    if (!ROLES.includes(r as Role))
      throw new UserError(`--role: unknown role '${r}'; expected all or ${ROLES.join(', ')}`)
  }
  return roles as Role[]
}

export interface Runtime {
  roles: Role[]
  sources: SourcesFile
  status(): Promise<SystemStatus>
  ch: ClickHouseHandle
  queue: QueueBackend
  writer: BatchWriter
  scheduler?: Scheduler
  port?: number
  stop(reason: string): Promise<void>
}

const DEFAULT_DASHBOARD_DIR = fileURLToPath(new URL('../../dashboard/build', import.meta.url))

/** Report webhooks go to public addresses only, unless allowed like a mirror (ALLOW_PRIVATE_HOSTS). */
export function webhookGuard(allowPrivate: readonly string[]): (url: URL) => Promise<void> {
  const guard = createUrlGuard({ allowPrivate })
  return (url) => guard(url.toString())
}

export async function startRuntime(cfg: Config, roles: Role[]): Promise<Runtime> {
  createRootLogger(cfg.LOG_LEVEL)
  const log = logger('runtime')
  const sources = loadSourcesFile(cfg.SOURCES_FILE)
  const ch = await createClickHouse(cfg)
  log.info(
    { clickhouse: ch.mode, at: ch.mode === 'server' ? safeUrl(ch.location) : ch.location, roles },
    'clickhouse connected',
  )
  await migrate(ch.client, logger('migrate'), undefined, { cluster: cfg.CLICKHOUSE_CLUSTER })
  setAnalyticsPath(cfg.ANALYTICS_PATH)
  if (ch.mode !== 'server') {
    // Embedded: this is the only process on the data directory, so a write journalled as still
    // under way was cut by a crash; its months read raw rows until the upkeep rebuilds them.
    const months = await rollups.recoverWrites(ch.client, 0)
    if (months.length) log.warn({ months }, 'rollup rows of an interrupted write are being repaired')
  }

  const queue: QueueBackend = cfg.REDIS_URL
    ? new BullmqQueue({
        redisUrl: cfg.REDIS_URL,
        prefix: cfg.QUEUE_PREFIX,
        lockMs: cfg.QUEUE_LOCK_MS,
        log: logger('queue'),
      })
    : new InProcessQueue(logger('queue'))
  const writer = new BatchWriter(ch.client, {
    maxRows: cfg.WRITER_BATCH_ROWS,
    flushMs: cfg.WRITER_FLUSH_MS,
    log: logger('writer'),
  })
  const base = { cfg, ch: ch.client, queue, writer, sources }

  const sourceHttp = roles.includes('scrape')
    ? createSourceHttp(cfg, [...cfg.ALLOW_PRIVATE_HOSTS, ...sources.allowPrivate], logger('fetch'), ch.client)
    : undefined
  if (sourceHttp) {
    registerScrapeProcessors({
      ...base,
      sourceHttp: sourceHttp.http,
      log: logger('scraper'),
    })
  }
  if (roles.includes('extract')) registerExtractProcessor({ ...base, log: logger('worker') })
  // Share links: one secret for every process of the install (SHARE_LINK_SECRET, else DATA_DIR's).
  const share = { secret: loadShareSecret(cfg), baseUrl: cfg.PUBLIC_URL ?? `http://localhost:${cfg.PORT}` }
  // Report jobs run with the extract role (the worker package): build, render (Chromium), deliver.
  if (roles.includes('extract'))
    registerReportProcessor({
      ...base,
      log: logger('reports'),
      content: reportContent({
        ...reportContentOptions(cfg),
        checkWebhookUrl: webhookGuard([...cfg.ALLOW_PRIVATE_HOSTS, ...sources.allowPrivate]),
      }),
      share,
      concurrency: cfg.REPORT_CONCURRENCY,
    })

  let server: Awaited<ReturnType<typeof startServer>> | undefined
  if (roles.includes('api')) {
    const app = createApp({
      ch: ch.client,
      queue,
      log: logger('api'),
      dashboardDir: cfg.DASHBOARD_DIR ?? DEFAULT_DASHBOARD_DIR,
      sources: sources.sources,
      limits: cfg,
      access: cfg,
      share,
    })
    server = await startServer(app, cfg.PORT, cfg.HOST)
    log.info({ port: server.port }, `StackRadar listening on http://localhost:${server.port}`)
  }

  let scheduler: Scheduler | undefined
  if (roles.includes('scheduler') && cfg.SCHEDULER_ENABLED) {
    scheduler = new Scheduler({ ...base, log: logger('scheduler') })
    await scheduler.start()
  }

  let stopping: Promise<void> | undefined
  const stop = (reason: string) =>
    (stopping ??= (async () => {
      const t0 = Date.now()
      log.info({ reason }, 'shutting down: stopping intake')
      const budget = cfg.SHUTDOWN_TIMEOUT_MS
      await Promise.all([
        scheduler?.stop(Math.max(100, budget / 2)),
        server?.close(),
        queue.close(Math.max(100, budget - 2000)),
      ])
      log.info('workers drained; flushing writes')
      await sourceHttp?.close()
      await writer.close()
      await ch.close()
      log.info({ ms: Date.now() - t0 }, 'shutdown complete')
    })())

  // The line a container's health check (and test/deploy/docker-replica.ts) waits for.
  log.info({ roles }, 'roles started')
  const status = () => readStatus(ch.client, queue, EXTRACTOR_VERSION)
  return { roles, sources, status, ch, queue, writer, scheduler, port: server?.port, stop }
}
