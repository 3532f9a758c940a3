// Where robots.txt answers are shared between scrape processes. The in-process RobotsCache keeps its
// own parsed copies either way; a store only saves the other processes a request to the host. Redis
// (distributed mode) keeps each answer until it expires (key TTL = the answer's TTL). A store never
// throws: Redis being away only costs a robots.txt request, logged once per outage.
import type { Redis } from 'ioredis'

/** A robots.txt answer as stored: the raw rules (parsed by each reader), or what their absence means. */
export type StoredRobots = (
  | { kind: 'rules'; body: string }
  | { kind: 'allow-all' }
  | { kind: 'disallow-all'; status: number }
  | { kind: 'unavailable'; reason: string }
) & { expiresAt: number }

export interface RobotsStore {
  get(origin: string): Promise<StoredRobots | undefined>
  set(origin: string, answer: StoredRobots, ttlMs: number): Promise<void>
}

export interface RedisRobotsStoreOptions {
  redis: Redis
  /** Key namespace, e.g. `<QUEUE_PREFIX>:politeness`. */
  prefix: string
  logger?: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void }
}

const KINDS = new Set(['rules', 'allow-all', 'disallow-all', 'unavailable'])

export class RedisRobotsStore implements RobotsStore {
  private redisDown = false

  constructor(private readonly options: RedisRobotsStoreOptions) {}

  async get(origin: string): Promise<StoredRobots | undefined> {
    try {
      const raw = await this.options.redis.get(this.key(origin))
      this.redisUp()
      if (raw === null) return undefined
      const parsed = JSON.parse(raw) as StoredRobots
      // Anything else (another version's shape) is read as a miss: robots.txt is fetched again.
      return KINDS.has(parsed.kind) && typeof parsed.expiresAt === 'number' ? parsed : undefined
    } catch (error) {
      this.redisLost(error)
      return undefined
    }
  }

  async set(origin: string, answer: StoredRobots, ttlMs: number): Promise<void> {
    try {
      await this.options.redis.set(this.key(origin), JSON.stringify(answer), 'PX', Math.max(1, ttlMs))
      this.redisUp()
    } catch (error) {
      this.redisLost(error)
    }
  }

  private key(origin: string): string {
    return `${this.options.prefix}:robots:${origin}`
  }

  private redisLost(error: unknown): void {
    if (this.redisDown) return
    this.redisDown = true
    this.options.logger?.warn(
      { reason: error instanceof Error ? error.message : String(error) },
      'shared robots.txt cache unavailable (Redis): each process asks robots.txt itself meanwhile',
    )
  }

  private redisUp(): void {
    if (!this.redisDown) return
    this.redisDown = false
    this.options.logger?.info({}, 'shared robots.txt cache available again (Redis)')
  }
}
