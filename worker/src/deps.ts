// What the worker role's processors and scheduler need from their process.
import type { ClickHouseClient } from '@clickhouse/client'
import type { BatchWriter } from '@stackradar/core/clickhouse/batch-writer'
import type { Config } from '@stackradar/core/config'
import type { Logger } from '@stackradar/core/logger'
import type { QueueBackend } from '@stackradar/core/queue/index'
import type { SourcesFile } from '@stackradar/core/sources-config'

export interface WorkerDeps {
  cfg: Config
  ch: ClickHouseClient
  queue: QueueBackend
  writer: BatchWriter
  log: Logger
  sources: SourcesFile
}
