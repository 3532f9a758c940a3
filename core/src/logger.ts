// pino logging: one root logger, a child per module; secrets are redacted wherever they appear.
import { pino, type Logger } from 'pino'
import { redactCredentials } from './user-error.ts'

export type { Logger }

const redact = {
  paths: [
    'password',
    '*.password',
    'apiKey',
    '*.apiKey',
    'authorization',
    '*.authorization',
    'headers.authorization',
    'headers["x-api-key"]',
    'config.CLICKHOUSE_PASSWORD',
    'CLICKHOUSE_PASSWORD',
  ],
  censor: '[redacted]',
}

let root: Logger | undefined
// Where log lines go: stdout for a server (`start`), stderr for commands whose stdout is data
// (`sources test` prints JSONL). Sticky: a later call without `to` keeps the earlier choice.
let destination: 1 | 2 = 1

export function createRootLogger(level = process.env.LOG_LEVEL ?? 'info', to?: 'stdout' | 'stderr'): Logger {
  if (to) destination = to === 'stderr' ? 2 : 1
  root = pino(
    {
      level,
      redact,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      // user:pass@ in any logged URL or message field (a mirror's URL, a refused fetch).
      formatters: { log: redactUrlFields },
    },
    pino.destination({ fd: destination, sync: true }),
  )
  return root
}

function redactUrlFields(obj: Record<string, unknown>): Record<string, unknown> {
  for (const [k, v] of Object.entries(obj)) {
    if (typeof v === 'string' && v.includes('@')) obj[k] = redactCredentials(v)
  }
  return obj
}

/** A child logger for one module, e.g. logger('scraper.hn'). */
export function logger(module: string): Logger {
  root ??= createRootLogger()
  return root.child({ module })
}

/** Redact credentials from a URL before it is logged (user:pass@host). */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return url
  try {
    const u = new URL(url)
    if (u.password) u.password = 'redacted'
    return u.toString()
  } catch {
    return '[invalid url]'
  }
}
