// Outages of what the app depends on (Redis, ClickHouse): told apart from other failures so the
// API answers 503 with a reason at once, writers and jobs wait and retry instead of failing, and
// the log says "down" and "back" once each instead of once per reconnect attempt.

export type Dependency = 'redis' | 'clickhouse'

/** A dependency cannot be reached right now; retrying later can succeed. */
export class DependencyUnavailableError extends Error {
  override name = 'DependencyUnavailableError'
  constructor(
    readonly dependency: Dependency,
    message: string,
  ) {
    super(message)
  }
}

export interface DependencyHealth {
  up: boolean
  /** Why it is down (the last connection error). */
  reason?: string
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
  'UND_ERR_SOCKET',
])
const CONNECTION_MESSAGES =
  /socket hang up|connection is closed|stream isn't writeable|connect ECONNREFUSED|timeout error/i

/** Whether an error (or one of its causes) means "could not talk to the server". */
export function isConnectionError(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof DependencyUnavailableError) return true
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true
    if (e instanceof Error && CONNECTION_MESSAGES.test(e.message)) return true
  }
  return false
}

/** Logs a dependency going down and coming back once per change of state, not per attempt. */
export class ConnectionStateLog {
  private up: boolean | undefined
  lastError: string | undefined
  constructor(
    private readonly name: string,
    private readonly log?: { warn(o: object, m: string): void; info(o: object, m: string): void },
  ) {}

  get isUp(): boolean {
    return this.up === true
  }

  markUp(): void {
    if (this.up === false) this.log?.info({ dependency: this.name }, `${this.name} reachable again`)
    this.up = true
  }

  markDown(err: unknown): void {
    this.lastError = err instanceof Error ? err.message || (err as { code?: string }).code : String(err)
    if (this.up !== false) {
      this.log?.warn(
        { dependency: this.name, err: this.lastError },
        `${this.name} unreachable; reconnecting with backoff (logged again when it is back)`,
      )
    }
    this.up = false
  }
}
