// pino logging: one root logger, a child per module; secrets are redacted wherever they appear.
// A person at a terminal reads coloured one-line messages (pino-pretty); anything else (a file, a
// pipe, a log collector) gets one JSON object per line. LOG_FORMAT=pretty|json overrides.
import { pino, type DestinationStream, type Logger } from 'pino'
import pretty from 'pino-pretty'

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

export interface LogOutput {
  /** Pretty coloured lines instead of JSON; default: stdout is a terminal (or LOG_FORMAT). */
  pretty?: boolean
  /** Where lines go; default stdout. */
  destination?: DestinationStream
}

function wantsPretty(): boolean {
  const format = process.env.LOG_FORMAT
  if (format === 'json' || format === 'pretty') return format === 'pretty'
  return process.stdout.isTTY === true
}

export function createRootLogger(level = process.env.LOG_LEVEL ?? 'info', out: LogOutput = {}): Logger {
  const opts = { level, redact, base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime }
  const prettyLines = out.pretty ?? wantsPretty()
  const stream = prettyLines
    ? pretty({
        colorize: true,
        sync: true,
        translateTime: 'SYS:HH:MM:ss',
        ignore: 'pid,hostname',
        messageFormat: '{if module}[{module}] {end}{msg}',
        ...(out.destination ? { destination: out.destination } : {}),
      })
    : out.destination
  root = stream ? pino(opts, stream) : pino(opts)
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
