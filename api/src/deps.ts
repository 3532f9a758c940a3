import type { ClickHouseClient } from '@clickhouse/client'
import type { ApiLimits } from '@stackradar/core/config'
import type { Logger } from '@stackradar/core/logger'
import type { QueueBackend } from '@stackradar/core/queue'
import type { SourceEntry } from '@stackradar/core/sources-config'

export interface ApiDeps {
  ch: ClickHouseClient
  queue: QueueBackend
  log: Logger
  /** Built dashboard (SvelteKit static output); omitted → API only. */
  dashboardDir?: string
  /** Configured job boards (the sources file). */
  sources: SourceEntry[]
  /** Back-pressure and cache settings; omitted → the config defaults. */
  limits?: Partial<ApiLimits>
}
