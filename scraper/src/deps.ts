// What a scrape processor needs from the process it runs in.
import type { ClickHouseClient } from '@clickhouse/client'
import type { BatchWriter } from '@stackradar/core/clickhouse/batch-writer'
import type { Config } from '@stackradar/core/config'
import type { Logger } from '@stackradar/core/logger'
import type { QueueBackend } from '@stackradar/core/queue/index'
import type { SourcesFile } from '@stackradar/core/sources-config'
import type { SourceHttp } from './sources/types.ts'

export interface ScrapeDeps {
  cfg: Config
  ch: ClickHouseClient
  queue: QueueBackend
  writer: BatchWriter
  log: Logger
  /** Job boards from the sources file. */
  sources: SourcesFile
  /** Polite HTTP (and the browser pool) for board sources. */
  sourceHttp: SourceHttp
}
