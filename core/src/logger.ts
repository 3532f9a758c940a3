// pino logging: one root logger, a child per module; secrets are redacted wherever they appear.
// A person at a terminal reads coloured one-line messages (pino-pretty); anything else (a file, a
// pipe, a log collector) gets one JSON object per line. LOG_FORMAT=pretty|json overrides.
import { pino, type DestinationStream, type Logger } from 'pino'
import pretty from 'pino-pretty'
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
    '*.headers.authorization',
    '*.headers["x-api-key"]',
    'token',
    '*.token',
    'keyHash',
    '*.keyHash',
    'shareNonce',
    '*.shareNonce',
    'config.CLICKHOUSE_PASSWORD',
    'CLICKHOUSE_PASSWORD',
    'config.SMTP_PASSWORD',
    'SMTP_PASSWORD',
    'secret',
    '*.secret',
  ],
  censor: '[redacted]',
}

let root: Logger | undefined
// Where log lines go: stdout for a server (`start`), stderr for commands whose stdout is data
// (`sources test` prints JSONL). Sticky: a later call without `to` keeps the earlier choice.
let destinationFd: 1 | 2 = 1

export interface LogOutput {
  /** stdout (a server) or stderr (a command whose stdout is data); sticky across calls. */
  to?: 'stdout' | 'stderr'
  /** Pretty coloured lines instead of JSON; default: the output is a terminal (or LOG_FORMAT). */
  pretty?: boolean
  /** Where lines go instead of the file descriptor (tests). */
  destination?: DestinationStream
}

function wantsPretty(fd: 1 | 2): boolean {
  const format = process.env.LOG_FORMAT
  if (format === 'json' || format === 'pretty') return format === 'pretty'
  return (fd === 2 ? process.stderr : process.stdout).isTTY === true
}

export function createRootLogger(
  level = process.env.LOG_LEVEL ?? 'info',
  out: LogOutput | 'stdout' | 'stderr' = {},
): Logger {
  const o: LogOutput = typeof out === 'string' ? { to: out } : out
  if (o.to) destinationFd = o.to === 'stderr' ? 2 : 1
  const opts = {
    level,
    redact,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    // user:pass@ in any logged URL or message field (a mirror's URL, a refused fetch).
    formatters: { log: redactUrlFields },
  }
  const stream =
    (o.pretty ?? wantsPretty(destinationFd))
      ? pretty({
          colorize: true,
          sync: true,
          destination: o.destination ?? destinationFd,
          translateTime: 'SYS:HH:MM:ss',
          ignore: 'pid,hostname',
          messageFormat: '{if module}[{module}] {end}{msg}',
        })
      : (o.destination ?? pino.destination({ fd: destinationFd, sync: true }))
  root = pino(opts, stream)
  return root
}

// API keys (srk_<id>_<secret>: the id stays, it names the key), key-like query parameters and
// share-link tokens, wherever a string field (a path, a URL, an error message) carries them.
const SECRET_PATTERNS: [RegExp, string][] = [
  [/\b(srk_[a-z0-9]{10})_[A-Za-z0-9_-]+/g, '$1_[redacted]'],
  [/([?&](?:api_?key|key|token|access_token|sig|signature)=)[^&#\s"']+/gi, '$1[redacted]'],
  [/(\/shared\/)[^/?#\s"']+/g, '$1[redacted]'],
]

/** Secrets out of a text that may hold a URL, a path or a header value. */
export function redactSecrets(text: string): string {
  let out = text.includes('@') ? redactCredentials(text) : text
  for (const [re, to] of SECRET_PATTERNS) out = out.replace(re, to)
  return out
}

function redactUrlFields(obj: Record<string, unknown>): Record<string, unknown> {
  for (const [k, v] of Object.entries(obj)) {
    if (typeof v === 'string') obj[k] = redactSecrets(v)
  }
  const err = obj.err
  if (err instanceof Error) {
    err.message = redactSecrets(err.message)
    if (err.stack) err.stack = redactSecrets(err.stack)
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
