// One interface, two backends: an in-process queue (embedded mode) and BullMQ on Redis
// (distributed mode). Processors are written once against this and run on either.
import type { PayloadOf, QueueName } from './registry.ts'
import type { DependencyHealth } from '../dependency.ts'

export interface JobContext {
  id: string
  attempt: number
  queue: QueueName
  /** This is the job's last try: if it fails now, the queue gives up on it. */
  final: boolean
}

export type Processor<N extends QueueName> = (payload: PayloadOf<N>, ctx: JobContext) => Promise<void>

export interface EnqueueOptions {
  /** Same id while a job is waiting or running → not queued twice. */
  jobId?: string
  delayMs?: number
}

export interface QueueCounts {
  waiting: number
  active: number
  delayed: number
  failed: number
}

export interface QueueBackend {
  readonly kind: 'in-process' | 'bullmq'
  enqueue<N extends QueueName>(queue: N, payload: PayloadOf<N>, opts?: EnqueueOptions): Promise<void>
  /** Start consuming a queue in this process. */
  work<N extends QueueName>(queue: N, processor: Processor<N>, opts: { concurrency: number }): void
  /** Throws DependencyUnavailableError at once when the queue's server is unreachable. */
  counts(queue: QueueName): Promise<QueueCounts>
  /** Whether the queue's server is reachable now (no network call: cheap enough for /healthz). */
  health(): DependencyHealth
  /** Run `fn` while holding a lock shared by every process on this backend (short critical sections). */
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T>
  /** Stop taking new jobs; wait for running ones up to the deadline; then close connections. */
  close(deadlineMs: number): Promise<void>
}
