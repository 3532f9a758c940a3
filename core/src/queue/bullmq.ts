// Distributed-mode queue: BullMQ on Redis. Many worker processes on many machines consume the
// same queues; a crashed worker's job is taken over once its lock expires (stalled job check).
import { DelayedError, Queue, Worker, UnrecoverableError, type Job } from 'bullmq'
import { Redis } from 'ioredis'
import {
  ConnectionStateLog,
  DependencyUnavailableError,
  isConnectionError,
  type DependencyHealth,
} from '../dependency.ts'
import { isPermanent, retryLaterDelay } from './errors.ts'
import { queues, type PayloadOf, type QueueName } from './registry.ts'
import type { EnqueueOptions, Processor, QueueBackend, QueueCounts } from './types.ts'
import type { Logger } from '../logger.ts'

export interface BullmqOptions {
  redisUrl: string
  prefix: string
  lockMs: number
  log?: Logger
}

export class BullmqQueue implements QueueBackend {
  readonly kind = 'bullmq' as const
  private readonly connection: Redis
  private readonly queuesByName = new Map<QueueName, Queue>()
  private readonly workers: Worker[] = []
  private readonly state: ConnectionStateLog

  constructor(private readonly opts: BullmqOptions) {
    this.state = new ConnectionStateLog('redis', opts.log)
    this.connection = new Redis(opts.redisUrl, {
      // BullMQ workers need commands to wait through a reconnect (null), not fail after N tries;
      // API reads check the connection state first and fail fast instead (counts()).
      maxRetriesPerRequest: null,
      enableOfflineQueue: true,
      lazyConnect: false,
      retryStrategy: reconnectDelay,
    })
    this.connection.on('ready', () => this.state.markUp())
    this.connection.on('error', (err) => this.state.markDown(err))
    this.connection.on('end', () => this.state.markDown(new Error('connection closed')))
  }

  health(): DependencyHealth {
    return this.connection.status === 'ready'
      ? { up: true }
      : {
          up: false,
          reason: `redis ${this.connection.status}: ${this.state.lastError ?? 'not connected yet'}`,
        }
  }

  private assertReachable(): void {
    const h = this.health()
    if (!h.up) throw new DependencyUnavailableError('redis', `queue unavailable (${h.reason})`)
  }

  private queue(name: QueueName): Queue {
    let q = this.queuesByName.get(name)
    if (!q) {
      q = new Queue(name, { connection: this.connection, prefix: this.opts.prefix })
      // Without a listener BullMQ prints every reconnect failure to the console.
      q.on('error', (err) =>
        isConnectionError(err)
          ? this.state.markDown(err)
          : this.opts.log?.error({ queue: name, err: err.message }, 'queue error'),
      )
      this.queuesByName.set(name, q)
    }
    return q
  }

  async enqueue<N extends QueueName>(
    queue: N,
    payload: PayloadOf<N>,
    opts: EnqueueOptions = {},
  ): Promise<void> {
    const def = queues[queue]
    const data = def.payload.parse(payload)
    await this.queue(queue).add(queue, data, {
      jobId: opts.jobId,
      delay: opts.delayMs,
      attempts: def.options.attempts,
      backoff: { type: 'exponential', delay: def.options.backoffMs, jitter: 0.5 },
      // Completed ids are forgotten so the same work (a thread re-scan) can be queued again later.
      removeOnComplete: true,
      removeOnFail: { count: 1000 },
    })
  }

  work<N extends QueueName>(queue: N, processor: Processor<N>, opts: { concurrency: number }): void {
    const def = queues[queue]
    const worker = new Worker(
      queue,
      async (job: Job, token?: string) => {
        const parsed = def.payload.safeParse(job.data)
        if (!parsed.success) throw new UnrecoverableError(`invalid ${queue} payload: ${parsed.error.message}`)
        try {
          await processor(parsed.data as PayloadOf<N>, {
            id: job.id ?? '?',
            attempt: job.attemptsMade + 1,
            queue,
            final: job.attemptsMade + 1 >= (job.opts.attempts ?? 1),
          })
        } catch (err) {
          if (isPermanent(err)) throw new UnrecoverableError((err as Error).message)
          const later = retryLaterDelay(err)
          if (later !== null) {
            // Put off without spending an attempt (its host is held down by the circuit breaker).
            await job.moveToDelayed(Date.now() + later, token)
            throw new DelayedError()
          }
          if (isConnectionError(err) && this.connection.status === 'ready') {
            // ClickHouse (or another server) is down: try again later without spending one of
            // the job's attempts, so an outage longer than the retry budget loses nothing.
            await job.moveToDelayed(Date.now() + OUTAGE_RETRY_MS * (0.5 + Math.random()), token)
            throw new DelayedError()
          }
          throw err
        }
      },
      {
        connection: this.connection,
        prefix: this.opts.prefix,
        concurrency: opts.concurrency,
        lockDuration: this.opts.lockMs,
        stalledInterval: Math.max(1000, Math.floor(this.opts.lockMs / 2)),
        maxStalledCount: 3,
      },
    )
    worker.on('failed', (job, err) =>
      this.opts.log?.warn(
        { queue, jobId: job?.id, attempt: job?.attemptsMade, err: err.message },
        'job failed',
      ),
    )
    worker.on('error', (err) => {
      // Connection trouble is logged once per state change by the connection itself.
      if (isConnectionError(err)) this.state.markDown(err)
      else this.opts.log?.error({ queue, err: err.message }, 'worker error')
    })
    this.workers.push(worker)
  }

  async counts(queue: QueueName): Promise<QueueCounts> {
    this.assertReachable()
    const c = await this.queue(queue).getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized')
    return {
      waiting: (c.waiting ?? 0) + (c.prioritized ?? 0),
      active: c.active ?? 0,
      delayed: c.delayed ?? 0,
      failed: c.failed ?? 0,
    }
  }

  /**
   * A Redis lock (SET NX PX with a random token, released only by its owner) so that a short
   * critical section runs in one process at a time across the whole deployment.
   */
  async withLock<T>(key: string, fn: () => Promise<T>, ttlMs = 30_000): Promise<T> {
    const name = `${this.opts.prefix}:lock:${key}`
    const token = `${process.pid}-${Math.random().toString(36).slice(2)}`
    const deadline = Date.now() + ttlMs * 2
    while ((await this.connection.set(name, token, 'PX', ttlMs, 'NX')) !== 'OK') {
      if (Date.now() > deadline) throw new Error(`could not take lock ${key} within ${ttlMs * 2} ms`)
      await new Promise((r) => setTimeout(r, 25 + Math.random() * 50))
    }
    try {
      return await fn()
    } finally {
      await this.connection.eval(
        "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end",
        1,
        name,
        token,
      )
    }
  }

  async close(deadlineMs: number): Promise<void> {
    // Stop taking jobs, let running ones finish; past the deadline, force-close: their locks
    // lapse and another worker takes them over (nothing is lost, the work is redone).
    const graceful = Promise.all(this.workers.map((w) => w.close()))
    const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), deadlineMs).unref())
    if ((await Promise.race([graceful.then(() => 'ok' as const), timer])) === 'timeout') {
      this.opts.log?.warn('workers still busy at deadline; handing their jobs back')
      await Promise.all(this.workers.map((w) => w.close(true)))
    }
    await Promise.all([...this.queuesByName.values()].map((q) => q.close()))
    await this.connection.quit().catch(() => this.connection.disconnect())
  }
}

/** Pause before a job retries because a server was unreachable. */
const OUTAGE_RETRY_MS = 5_000

/** ioredis reconnect delay: exponential from 100 ms to 10 s, with jitter; never gives up. */
export function reconnectDelay(attempt: number): number {
  const step = Math.min(100 * 2 ** Math.min(attempt, 10), 10_000)
  return Math.round(step / 2 + Math.random() * (step / 2))
}
