// The per-host turn shared by every scrape process through Redis (distributed mode), so N scrape
// workers together keep one host's delay instead of each keeping it on its own.
// A turn is a lease: an atomic script grants it only when nobody holds the host and the host's
// next-allowed time (Redis clock) has passed; releasing it sets the next-allowed time to the moment
// the response was done plus the delay. Counting the delay from the end of the previous request, not
// from its start, is what guarantees the gap *at the host*: the next request is sent after the
// previous one was answered, so however late a process's timer or its network is, two requests never
// arrive closer than the delay. (A limiter that spaces start times — Bottleneck's `minTime`, token
// buckets — cannot promise that: a request granted first but sent late lands close to the next one.)
// A lease expires after LEASE_MS unless renewed, so a process killed mid-request frees the host.
// Redis unreachable: the request waits for it (logged once per outage), never goes out unspaced.
// Within a process, requests to one host queue in front of Redis (a HostGate without delay), so each
// process asks for at most one turn per host at a time.
import { randomUUID } from 'node:crypto'
import type { Redis } from 'ioredis'
import { sleep } from '../http/backoff.ts'
import { HostGate, type HostTurns } from './host-gate.ts'

// KEYS: lease, next-allowed. ARGV: token, lease ms, poll ms. → {1, 0} granted, or {0, wait ms}.
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if redis.call('EXISTS', KEYS[1]) == 1 then
  return {0, math.min(tonumber(ARGV[3]), redis.call('PTTL', KEYS[1]))}
end
local nextAt = tonumber(redis.call('GET', KEYS[2]) or '0')
if now < nextAt then return {0, nextAt - now} end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return {1, 0}`

// KEYS: lease, next-allowed. ARGV: token, delay ms. Next-allowed only ever moves later; the +1 makes up
// for `now` being rounded down to the millisecond.
const RELEASE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local delay = tonumber(ARGV[2])
local nextAt = now + delay + 1
if nextAt > tonumber(redis.call('GET', KEYS[2]) or '0') then
  redis.call('SET', KEYS[2], nextAt, 'PX', delay + 1000)
end
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1`

// KEYS: lease. ARGV: token, lease ms.
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`

const LEASE_MS = 30_000
const RENEW_EVERY_MS = 10_000
const MAX_POLL_MS = 200
const REDIS_RETRY_MS = 1000

export interface RedisHostGateOptions {
  redis: Redis
  /** Key namespace, e.g. `<QUEUE_PREFIX>:politeness`. */
  prefix: string
  minDelayMs: number
  logger?: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void }
}

export class RedisHostGate implements HostTurns {
  private readonly local = new HostGate(0)
  private redisDown = false

  constructor(private readonly options: RedisHostGateOptions) {}

  run<T>(url: string, fn: () => Promise<T>, delayMs = 0): Promise<T> {
    const host = new URL(url).host
    const delay = Math.max(this.options.minDelayMs, delayMs)
    return this.local.run(url, async () => {
      const keys = [this.key('lease', host), this.key('next', host)]
      const token = randomUUID()
      await this.acquire(host, keys, token)
      const renew = setInterval(() => void this.call(RENEW, [keys[0]!], [token, LEASE_MS]), RENEW_EVERY_MS)
      renew.unref()
      try {
        return await fn()
      } finally {
        clearInterval(renew)
        await this.release(host, keys, token, delay)
      }
    })
  }

  private async acquire(host: string, keys: string[], token: string): Promise<void> {
    const poll = Math.min(MAX_POLL_MS, Math.max(20, this.options.minDelayMs / 4))
    for (;;) {
      let answer: [number, number]
      try {
        answer = (await this.call(ACQUIRE, keys, [token, LEASE_MS, poll])) as [number, number]
        this.redisUp()
      } catch (error) {
        this.redisLost(host, error)
        await sleep(REDIS_RETRY_MS)
        continue
      }
      if (answer[0] === 1) return
      // Jittered so that processes polling one host do not wake in lockstep.
      await sleep(Math.max(1, answer[1]) + Math.random() * 10)
    }
  }

  private async release(host: string, keys: string[], token: string, delay: number): Promise<void> {
    try {
      await this.call(RELEASE, keys, [token, delay])
    } catch (error) {
      // The lease lapses by itself within LEASE_MS: the host waits longer, never shorter.
      this.redisLost(host, error)
    }
  }

  private call(script: string, keys: string[], args: (string | number)[]): Promise<unknown> {
    return this.options.redis.eval(script, keys.length, ...keys, ...args)
  }

  private key(kind: string, host: string): string {
    return `${this.options.prefix}:host:${kind}:${host}`
  }

  private redisLost(host: string, error: unknown): void {
    if (this.redisDown) return
    this.redisDown = true
    this.options.logger?.warn(
      { host, reason: error instanceof Error ? error.message : String(error) },
      'shared host turn unavailable (Redis): requests wait for Redis rather than go out unspaced',
    )
  }

  private redisUp(): void {
    if (!this.redisDown) return
    this.redisDown = false
    this.options.logger?.info({}, 'shared host turn available again (Redis)')
  }
}
