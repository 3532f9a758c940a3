// Circuit-breaker state shared by every scrape process through Redis (distributed mode): a host one
// process found down is held down for all of them. One hash per host; each verb is one Lua script,
// so the count, the two-URL rule and the single half-open trial stay atomic across processes.
// Redis unreachable: the verbs answer from this process's own MemoryBreakerStore (logged once per
// outage), so scrapes go on with a per-process breaker instead of failing.
import type { Redis } from 'ioredis'
import { MemoryBreakerStore, type BreakerState, type BreakerStore } from './circuit-breaker.ts'

// KEYS: state. ARGV: url, reason, threshold, now, ttl ms. → HGETALL after the update.
const RECORD_FAILURE = `
local k = KEYS[1]
local failures = redis.call('HINCRBY', k, 'failures', 1)
redis.call('HSET', k, 'reason', ARGV[2])
local u1 = redis.call('HGET', k, 'url1')
local u2 = redis.call('HGET', k, 'url2')
if not u1 then
  redis.call('HSET', k, 'url1', ARGV[1])
elseif not u2 and u1 ~= ARGV[1] then
  redis.call('HSET', k, 'url2', ARGV[1])
  u2 = ARGV[1]
end
if failures >= tonumber(ARGV[3]) and u2 then redis.call('HSET', k, 'openedAt', ARGV[4]) end
redis.call('PEXPIRE', k, ARGV[5])
return redis.call('HGETALL', k)`

// KEYS: state. → HGETALL before deleting it.
const RECORD_SUCCESS = `
local before = redis.call('HGETALL', KEYS[1])
redis.call('DEL', KEYS[1])
return before`

// KEYS: state. ARGV: cooldown ms, now. → 1 for the one caller that gets the trial.
const CLAIM_TRIAL = `
local openedAt = redis.call('HGET', KEYS[1], 'openedAt')
if not openedAt then return 0 end
if tonumber(ARGV[2]) < tonumber(openedAt) + tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'openedAt', ARGV[2])
return 1`

export interface RedisBreakerStoreOptions {
  redis: Redis
  /** Key namespace, e.g. `<QUEUE_PREFIX>:politeness`. */
  prefix: string
  /** How long a host's state outlives its last failure (covers many cool-downs). */
  ttlMs: number
  logger?: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void }
}

export class RedisBreakerStore implements BreakerStore {
  private readonly fallback = new MemoryBreakerStore()
  private redisDown = false

  constructor(private readonly options: RedisBreakerStoreOptions) {}

  get(host: string): Promise<BreakerState | undefined> {
    return this.shared(
      async () => toState(await this.options.redis.hgetall(this.key(host))),
      () => this.fallback.get(host),
    )
  }

  recordFailure(
    host: string,
    url: string,
    reason: string,
    threshold: number,
    now: number,
  ): Promise<BreakerState> {
    return this.shared(
      async () => {
        const args = [url, reason, threshold, now, this.options.ttlMs]
        const flat = (await this.options.redis.eval(RECORD_FAILURE, 1, this.key(host), ...args)) as string[]
        return toState(pairs(flat))!
      },
      () => this.fallback.recordFailure(host, url, reason, threshold, now),
    )
  }

  recordSuccess(host: string): Promise<BreakerState | undefined> {
    return this.shared(
      async () => {
        const flat = (await this.options.redis.eval(RECORD_SUCCESS, 1, this.key(host))) as string[]
        await this.fallback.recordSuccess(host)
        return toState(pairs(flat))
      },
      () => this.fallback.recordSuccess(host),
    )
  }

  claimTrial(host: string, cooldownMs: number, now: number): Promise<boolean> {
    return this.shared(
      async () => (await this.options.redis.eval(CLAIM_TRIAL, 1, this.key(host), cooldownMs, now)) === 1,
      () => this.fallback.claimTrial(host, cooldownMs, now),
    )
  }

  private async shared<T>(viaRedis: () => Promise<T>, local: () => Promise<T>): Promise<T> {
    try {
      const result = await viaRedis()
      if (this.redisDown) {
        this.redisDown = false
        this.options.logger?.info({}, 'shared circuit breaker available again (Redis)')
      }
      return result
    } catch (error) {
      if (!this.redisDown) {
        this.redisDown = true
        this.options.logger?.warn(
          { reason: error instanceof Error ? error.message : String(error) },
          'shared circuit breaker unavailable (Redis): this process keeps its own meanwhile',
        )
      }
      return local()
    }
  }

  private key(host: string): string {
    return `${this.options.prefix}:breaker:${host}`
  }
}

function pairs(flat: string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (let i = 0; i + 1 < flat.length; i += 2) out[flat[i]!] = flat[i + 1]!
  return out
}

function toState(hash: Record<string, string>): BreakerState | undefined {
  if (hash.failures === undefined) return undefined
  return {
    failures: Number(hash.failures),
    failedUrls: [hash.url1, hash.url2].filter((u): u is string => u !== undefined),
    openedAt: hash.openedAt === undefined ? null : Number(hash.openedAt),
    reason: hash.reason ?? '',
  }
}
