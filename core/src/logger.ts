// pino logging: one root logger, a child per module; secrets are redacted wherever they appear.
import { pino, type Logger } from 'pino'

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

export function createRootLogger(level = process.env.LOG_LEVEL ?? 'info'): Logger {
  root = pino({ level, redact, base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime })
  return root
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
