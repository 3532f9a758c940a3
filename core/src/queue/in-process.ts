// Embedded-mode queue: same registry, options and error classes as BullMQ, in memory.
// Jobs waiting at shutdown are not persisted; the scheduler's start-up sweep re-queues
// unfinished crawl tasks and unextracted raw ads, so nothing stored is lost.
import { isPermanent, backoffDelay, retryLaterDelay } from './errors.ts'
import { queues, type PayloadOf, type QueueName } from './registry.ts'
import type { EnqueueOptions, Processor, QueueBackend, QueueCounts } from './types.ts'
import type { Logger } from '../logger.ts'
import type { DependencyHealth } from '../dependency.ts'

interface Job {
  id: string
  payload: unknown
  attempt: number
}

interface Lane {
  waiting: Job[]
  delayed: Set<NodeJS.Timeout>
  ids: Set<string>
  active: number
  failed: number
  concurrency: number
  processor?: Processor<QueueName>
}

let seq = 0

export class InProcessQueue implements QueueBackend {
  readonly kind = 'in-process' as const
  private readonly lanes = new Map<QueueName, Lane>()
  private accepting = true
  private idleWaiters: (() => void)[] = []
  private activeRuns = new Set<Promise<void>>()

  constructor(private readonly log?: Logger) {}

  private lane(name: QueueName): Lane {
    let l = this.lanes.get(name)
    if (!l) {
      l = { waiting: [], delayed: new Set(), ids: new Set(), active: 0, failed: 0, concurrency: 0 }
      this.lanes.set(name, l)
    }
    return l
  }

  async enqueue<N extends QueueName>(
    queue: N,
    payload: PayloadOf<N>,
    opts: EnqueueOptions = {},
  ): Promise<void> {
    const parsed = queues[queue].payload.parse(payload)
    const lane = this.lane(queue)
    const id = opts.jobId ?? `${queue}-${++seq}`
    if (lane.ids.has(id)) return
    lane.ids.add(id)
    const job: Job = { id, payload: parsed, attempt: 1 }
    if (opts.delayMs) this.delay(queue, job, opts.delayMs)
    else lane.waiting.push(job)
    this.pump(queue)
  }

  work<N extends QueueName>(queue: N, processor: Processor<N>, opts: { concurrency: number }): void {
    const lane = this.lane(queue)
    lane.processor = processor as unknown as Processor<QueueName>
    lane.concurrency = opts.concurrency
    this.pump(queue)
  }

  /** In memory: reachable as long as the process runs. */
  health(): DependencyHealth {
    return { up: true }
  }

  async counts(queue: QueueName): Promise<QueueCounts> {
    const l = this.lane(queue)
    return { waiting: l.waiting.length, active: l.active, delayed: l.delayed.size, failed: l.failed }
  }

  private readonly locks = new Map<string, Promise<unknown>>()

  async withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(key) ?? Promise.resolve()
    const run = previous.catch(() => undefined).then(fn)
    this.locks.set(key, run)
    try {
      return await run
    } finally {
      if (this.locks.get(key) === run) this.locks.delete(key)
    }
  }

  /** Resolves when no queue has waiting, delayed or running jobs. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  private isIdle(): boolean {
    for (const l of this.lanes.values()) if (l.waiting.length || l.active || l.delayed.size) return false
    return true
  }

  private delay(queue: QueueName, job: Job, ms: number): void {
    const lane = this.lane(queue)
    const t = setTimeout(() => {
      lane.delayed.delete(t)
      lane.waiting.push(job)
      this.pump(queue)
    }, ms)
    lane.delayed.add(t)
  }

  private pump(queue: QueueName): void {
    const lane = this.lane(queue)
    while (this.accepting && lane.processor && lane.active < lane.concurrency && lane.waiting.length) {
      const job = lane.waiting.shift()!
      lane.active++
      const run = this.run(queue, lane, job).finally(() => {
        this.activeRuns.delete(run)
        lane.active--
        this.pump(queue)
        if (this.isIdle()) for (const w of this.idleWaiters.splice(0)) w()
      })
      this.activeRuns.add(run)
    }
  }

  private async run(queue: QueueName, lane: Lane, job: Job): Promise<void> {
    const { attempts, backoffMs } = queues[queue].options
    try {
      const final = job.attempt >= attempts
      await lane.processor!(job.payload as never, { id: job.id, attempt: job.attempt, queue, final })
      lane.ids.delete(job.id)
    } catch (err) {
      const later = retryLaterDelay(err)
      if (later !== null && this.accepting) {
        this.log?.info(
          { queue, jobId: job.id, retryInMs: later, reason: (err as Error).message },
          'job put off',
        )
        this.delay(queue, job, later)
        return
      }
      const final = isPermanent(err) || job.attempt >= attempts || !this.accepting
      const ctx = { queue, jobId: job.id, attempt: job.attempt, err }
      if (final) {
        lane.ids.delete(job.id)
        lane.failed++
        this.log?.error(ctx, this.accepting ? 'job failed for good' : 'job failed during shutdown')
      } else {
        const wait = backoffDelay(job.attempt, backoffMs)
        this.log?.warn({ ...ctx, retryInMs: wait }, 'job failed; will retry')
        job.attempt++
        this.delay(queue, job, wait)
      }
    }
  }

  async close(deadlineMs: number): Promise<void> {
    this.accepting = false
    let dropped = 0
    for (const l of this.lanes.values()) {
      for (const t of l.delayed) clearTimeout(t)
      dropped += l.waiting.length + l.delayed.size
      l.waiting.length = 0
      l.delayed.clear()
    }
    if (dropped) this.log?.info({ dropped }, 'queued jobs dropped; the start-up sweep re-queues their work')
    const deadline = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), deadlineMs).unref())
    const outcome = await Promise.race([
      Promise.allSettled([...this.activeRuns]).then(() => 'done'),
      deadline,
    ])
    if (outcome === 'timeout')
      this.log?.warn({ running: this.activeRuns.size }, 'jobs still running at deadline')
    for (const w of this.idleWaiters.splice(0)) w()
  }
}
