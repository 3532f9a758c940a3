// Configuration: parsed once from the environment by zod. A bad value stops start-up with a
// message naming the variable and what it expects.
import { z } from 'zod'
import { redactCredentials, UserError } from './user-error.ts'

const intFrom = (def: number, min = 0) => z.coerce.number().int().min(min).default(def)
const bool = (def: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default(def ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes')
/** "a, b,,c" → ['a', 'b', 'c'] */
const commaList = () =>
  z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
const optionalUrl = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .pipe(z.url().optional())
  .optional()

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: intFrom(3000).pipe(z.number().max(65535)),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Unset → embedded chDB under DATA_DIR; set → a ClickHouse server over HTTP. */
  CLICKHOUSE_URL: optionalUrl,
  CLICKHOUSE_USER: z.string().default('default'),
  CLICKHOUSE_PASSWORD: z.string().default(''),
  CLICKHOUSE_DATABASE: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a database name of letters, digits and _')
    .default('stackradar'),
  /** Set → the migrations run in their clustered form (ReplicatedMergeTree + Distributed, ON CLUSTER). */
  CLICKHOUSE_CLUSTER: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, 'a cluster name of letters, digits, _ and -')
    .optional(),
  /** Unset → in-process queue; set → BullMQ on Redis. */
  REDIS_URL: optionalUrl,
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .default('stackradar'),
  HN_ALGOLIA_URL: z.url().default('https://hn.algolia.com'),
  HN_WEB_URL: z.url().default('https://news.ycombinator.com'),
  /** How far back the Hacker News backfill goes, in months. */
  HN_MONTHS: intFrom(24, 1).pipe(z.number().max(240)),
  /** Alternatively an explicit first month, YYYY-MM (wins over HN_MONTHS). */
  HN_SINCE: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM')
    .optional(),
  /**
   * How a thread is read: the HN Algolia items API (default: one request per thread, so a first
   * backfill takes minutes) or HN's HTML pages (one page per ~250 comments at HN's 30-second
   * Crawl-delay; the recorded 2012–2018 replay is pages).
   */
  HN_THREAD_READER: z.enum(['html', 'algolia']).default('algolia'),
  /** Threads younger than this many days are re-scanned for new comments. */
  HN_RESCAN_DAYS: intFrom(45),
  SCHEDULE_INTERVAL_MINUTES: intFrom(60, 1),
  SCHEDULER_ENABLED: bool(true),
  SCRAPE_CONCURRENCY: intFrom(2, 1).pipe(z.number().max(64)),
  EXTRACT_CONCURRENCY: intFrom(2, 1).pipe(z.number().max(64)),
  /** Max ads per extract job (payloads carry ids, not text). */
  EXTRACT_BATCH: intFrom(200, 1).pipe(z.number().max(5000)),
  HTTP_TIMEOUT_MS: intFrom(20_000, 100),
  HTTP_RETRIES: intFrom(4),
  HTTP_MAX_BYTES: intFrom(20 * 1024 * 1024, 1024),
  /** Minimum delay between two requests to the same host. */
  HOST_DELAY_MS: intFrom(1000),
  /** Most wall time one board run may spend on one host (waits included); the rest waits for the next run. */
  HOST_RUN_BUDGET_MS: intFrom(600_000, 100),
  /** Consecutive timeouts / 5xx / network errors after which a host is treated as down. */
  HOST_BREAKER_FAILURES: intFrom(5, 1),
  /** How long a host treated as down is left alone before one trial request. */
  HOST_BREAKER_COOLDOWN_MS: intFrom(60_000, 0),
  USER_AGENT: z.string().min(3).default('StackRadarBot/0.1 (+mailto:bot@stackradar.invalid)'),
  WRITER_BATCH_ROWS: intFrom(5000, 1),
  WRITER_FLUSH_MS: intFrom(500, 10),
  /** BullMQ lock; a crashed worker's job is taken over after about this long. */
  QUEUE_LOCK_MS: intFrom(30_000, 1000),
  SHUTDOWN_TIMEOUT_MS: intFrom(25_000, 100),
  DASHBOARD_DIR: z.string().optional(),
  /** An API request still unanswered after this long gets 504. */
  API_TIMEOUT_MS: intFrom(15_000, 100),
  /** API requests worked on at once (chDB answers one query at a time per process). */
  API_MAX_CONCURRENT: intFrom(8, 1),
  /** API requests waiting for a turn; past this they get 503 with Retry-After. */
  API_MAX_QUEUE: intFrom(64),
  /** API requests per client IP per API_RATE_WINDOW_MS; 0 turns the limit off. */
  API_RATE_LIMIT: intFrom(600),
  API_RATE_WINDOW_MS: intFrom(60_000, 1000),
  /** Analytics answers kept (keyed by URL and data version); 0 turns the cache off. */
  API_CACHE_ENTRIES: intFrom(500),
  /** How often the data version (which invalidates cached answers) is re-read. */
  API_CACHE_VERSION_MS: intFrom(1000, 0),
  /** Analytics endpoints readable without an API key (a local install); false → a `read` key. */
  API_ANALYTICS_PUBLIC: bool(true),
  /** Report definitions and runs usable without an API key; false (default) → a `reports` key. */
  API_REPORTS_PUBLIC: bool(false),
  /** API requests per API key per API_RATE_WINDOW_MS (on top of the per-IP limit); 0 turns it off. */
  API_KEY_RATE_LIMIT: intFrom(1200),
  /** HMAC secret of report share links; unset → a random one kept in DATA_DIR (one machine only). */
  SHARE_LINK_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  /** Base URL the install is reached at, for links in reports (share links); default http://localhost:PORT. */
  PUBLIC_URL: optionalUrl,
  /** HMAC-SHA256 secret that signs report webhooks (X-StackRadar-Signature); unset → webhooks are not sent. */
  REPORT_WEBHOOK_SECRET: z.string().min(16, 'at least 16 characters').optional(),
  /** Report jobs per process (building a PDF runs a browser page). */
  REPORT_CONCURRENCY: intFrom(1, 1).pipe(z.number().max(8)),
  /** Where analytics read: the tallies or rollups when they fit and are current (auto), or forced. */
  ANALYTICS_PATH: z.enum(['auto', 'raw', 'rollup', 'tally']).default('auto'),
  /** Job boards to scrape (see sources.example.json); missing file → Hacker News only. */
  SOURCES_FILE: z.string().default('./sources.json'),
  CHROMIUM_PATH: z.string().default('/usr/bin/chromium'),
  /** Hosts or CIDRs that may resolve to private addresses (a local mirror). Others must be public. */
  ALLOW_PRIVATE_HOSTS: commaList(),
  /** SMTP server for report e-mail; unset → reports are not sent by e-mail. */
  SMTP_HOST: z
    .string()
    .trim()
    .transform((v) => (v === '' ? undefined : v))
    .optional(),
  SMTP_PORT: intFrom(587, 1).pipe(z.number().max(65535)),
  /** tls: TLS from the first byte (port 465); starttls: upgrade required (587); none: plain (a local relay). */
  SMTP_TLS: z.enum(['tls', 'starttls', 'none']).default('starttls'),
  SMTP_USER: z.string().default(''),
  /** Never logged. */
  SMTP_PASSWORD: z.string().default(''),
  SMTP_FROM: z.string().min(3).default('StackRadar reports <reports@stackradar.invalid>'),
})

export type Config = z.infer<typeof envSchema>

/** The API's back-pressure and cache settings. */
export type ApiLimits = Pick<
  Config,
  | 'API_TIMEOUT_MS'
  | 'API_MAX_CONCURRENT'
  | 'API_MAX_QUEUE'
  | 'API_RATE_LIMIT'
  | 'API_RATE_WINDOW_MS'
  | 'API_KEY_RATE_LIMIT'
  | 'API_CACHE_ENTRIES'
  | 'API_CACHE_VERSION_MS'
>

export class ConfigError extends UserError {
  override name = 'ConfigError'
  constructor(public readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}`)
  }
}

/** Parse the environment. Throws ConfigError naming each bad variable and what it expects. */
export function parseConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = envSchema.safeParse(env)
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((i) => {
        const name = i.path.join('.')
        const got = env[name]
        return `${name}: ${i.message}${got === undefined ? '' : ` (got ${redactCredentials(JSON.stringify(got))})`}`
      }),
    )
  }
  if (result.data.CLICKHOUSE_CLUSTER && !result.data.CLICKHOUSE_URL)
    throw new ConfigError([
      'CLICKHOUSE_CLUSTER: needs CLICKHOUSE_URL (a ClickHouse server cluster; chDB has none)',
    ])
  return result.data
}
