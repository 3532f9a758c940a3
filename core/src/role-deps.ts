// What a queue role (scrape, extract, scheduler) needs from the process it runs in; one type,
// built once by the composition root (cli/src/runtime.ts). A role adds only what is its own.
import type { ClickHouseClient } from '@clickhouse/client'
import type { BatchWriter } from './clickhouse/batch-writer.ts'
import type { Config } from './config.ts'
import type { Logger } from './logger.ts'
import type { QueueBackend } from './queue/index.ts'
import type { SourcesFile } from './sources-config.ts'

export interface RoleDeps {
  cfg: Config
  ch: ClickHouseClient
  queue: QueueBackend
  writer: BatchWriter
  log: Logger
  /** Job boards from the sources file. */
  sources: SourcesFile
}
