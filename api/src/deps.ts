import type { ClickHouseClient } from '@clickhouse/client'
import type { ApiLimits, Config } from '@stackradar/core/config'
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
  /** Which routes need an API key; omitted → the config defaults (analytics public, reports need a key). */
  access?: Partial<Pick<Config, 'API_ANALYTICS_PUBLIC' | 'API_REPORTS_PUBLIC'>>
  /** Share links of report runs: the HMAC secret and the install's public base URL. Omitted → no share links. */
  share?: { secret: Buffer; baseUrl: string }
  /** The clock the answer cache ages its entries by (epoch ms); omitted → Date.now. Tests pass their own. */
  clock?: () => number
}
