// Where the per-host politeness state lives: in this process (embedded mode) or in Redis, shared by
// every scrape process (distributed mode, REDIS_URL set): the host's turn, robots.txt answers and the
// circuit breaker. Keys sit under `<QUEUE_PREFIX>:politeness:` next to the queues.
import { Redis } from 'ioredis'
import { HostGate, type HostTurns } from './host-gate.ts'
import { MemoryBreakerStore, type BreakerStore } from './circuit-breaker.ts'
import { RedisBreakerStore } from './redis-breaker-store.ts'
import { RedisHostGate } from './redis-host-gate.ts'
import type { RobotsStore } from './robots-store.ts'
import { RedisRobotsStore } from './robots-store.ts'

export interface PolitenessState {
  gate: HostTurns
  breakerStore: BreakerStore
  robotsStore?: RobotsStore
  /** Where the state lives, for the start-up log. */
  shared: boolean
  close(): Promise<void>
}

export interface PolitenessStateOptions {
  redisUrl?: string | undefined
  prefix: string
  hostDelayMs: number
  breakerCooldownMs: number
  logger?: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void }
}

export function createPolitenessState(options: PolitenessStateOptions): PolitenessState {
  const { redisUrl, hostDelayMs, logger } = options
  if (!redisUrl) {
    return {
      gate: new HostGate(hostDelayMs),
      breakerStore: new MemoryBreakerStore(),
      shared: false,
      close: async () => undefined,
    }
  }
  // Commands fail fast while Redis is away (no endless offline queue): each user decides what a
  // failure means (the gate waits, the robots cache and breaker fall back to this process).
  const redis = new Redis(redisUrl, {
    maxRetriesPerRequest: 1,
    commandTimeout: 5000,
    enableOfflineQueue: true,
    lazyConnect: false,
  })
  // Without a listener, a connection error would be an unhandled 'error' event; the users log outages.
  redis.on('error', () => undefined)
  const prefix = `${options.prefix}:politeness`
  return {
    gate: new RedisHostGate({ redis, prefix, minDelayMs: hostDelayMs, ...(logger && { logger }) }),
    breakerStore: new RedisBreakerStore({
      redis,
      prefix,
      ttlMs: Math.max(3_600_000, options.breakerCooldownMs * 10),
      ...(logger && { logger }),
    }),
    robotsStore: new RedisRobotsStore({ redis, prefix, ...(logger && { logger }) }),
    shared: true,
    close: async () => {
      await redis.quit().catch(() => redis.disconnect())
    },
  }
}
