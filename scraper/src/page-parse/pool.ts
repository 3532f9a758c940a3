// Page parsing off the main thread: one worker thread with a memory limit parses pages one at a time,
// each within a deadline. A hostile page can then cost at most one deadline of the worker's time and
// its memory limit, and never blocks the main thread (API, queue, other scrapes' I/O). A worker that
// times out, runs out of memory or crashes is replaced; its page is refused with the reason. The worker
// holds the process open only while a page is being parsed.
import { Worker } from 'node:worker_threads'
import type { ParseResults, ParseTask } from './tasks.ts'

export interface PageParserOptions {
  /** Longest one page may take. */
  timeoutMs: number
  /** The worker's V8 old-generation heap limit. */
  maxMemoryMb: number
}

export const DEFAULT_PAGE_PARSER_OPTIONS: PageParserOptions = { timeoutMs: 30_000, maxMemoryMb: 512 }

/** The page was not parsed: over a limit, too slow, too big for the worker's memory. */
export class PageRefusedError extends Error {
  override readonly name = 'PageRefusedError'
}

interface Pending {
  id: number
  task: ParseTask
  resolve(result: unknown): void
  reject(error: Error): void
}

const ENTRY = new URL('./worker-entry.mjs', import.meta.url)

export class PageParserPool {
  private worker: Worker | null = null
  private ready = false
  private readonly queue: Pending[] = []
  private current: { job: Pending; timer: NodeJS.Timeout } | null = null
  private nextId = 1
  private closed = false
  /** Workers started (a replaced worker counts again), for tests and logs. */
  started = 0

  constructor(private readonly options: PageParserOptions = DEFAULT_PAGE_PARSER_OPTIONS) {}

  run<K extends ParseTask['kind']>(task: Extract<ParseTask, { kind: K }>): Promise<ParseResults[K]> {
    if (this.closed) return Promise.reject(new Error('page parser closed'))
    return new Promise<ParseResults[K]>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, resolve: resolve as (r: unknown) => void, reject })
      this.pump()
    })
  }

  async close(): Promise<void> {
    this.closed = true
    for (const job of this.queue.splice(0)) job.reject(new Error('page parser closed'))
    this.finish(new Error('page parser closed'))
    await this.worker?.terminate()
    this.worker = null
  }

  private pump(): void {
    if (this.current || this.closed) return
    const job = this.queue.shift()
    if (!job) {
      this.worker?.unref()
      return
    }
    const worker = this.ensureWorker()
    worker.ref()
    // Sent (and timed) once the worker has loaded; until then the worker itself holds the process.
    if (!this.ready) {
      this.queue.unshift(job)
      return
    }
    const timer = setTimeout(() => {
      const { timeoutMs } = this.options
      this.replaceWorker(new PageRefusedError(`page refused: parsing took longer than ${timeoutMs} ms`))
    }, this.options.timeoutMs)
    this.current = { job, timer }
    worker.postMessage({ id: job.id, task: job.task })
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker
    const worker = new Worker(ENTRY, {
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxMemoryMb },
      stdout: false,
      stderr: false,
    })
    this.started++
    this.ready = false
    worker.on(
      'message',
      (msg: { ready?: true; id: number; ok: boolean; result?: unknown; error?: string }) => {
        if (this.worker !== worker) return
        if (msg.ready) {
          this.ready = true
          return this.pump()
        }
        const job = this.current?.job
        if (!job || job.id !== msg.id) return
        if (msg.ok) this.finish(null, msg.result)
        else this.finish(new Error(msg.error ?? 'page parse failed'))
      },
    )
    worker.on('error', (error: Error & { code?: string }) => {
      if (this.worker !== worker) return
      if (!this.ready) return this.failToStart(error.message)
      const reason =
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `page refused: parsing needed more than ${this.options.maxMemoryMb} MB`
          : `page refused: the parser crashed (${error.message})`
      this.worker = null
      this.finish(new PageRefusedError(reason))
    })
    worker.on('exit', (code) => {
      if (this.worker !== worker) return
      if (!this.ready) return this.failToStart(`exit code ${code}`)
      this.worker = null
      this.finish(new PageRefusedError(`page refused: the parser exited (code ${code})`))
    })
    this.worker = worker
    return worker
  }

  // A worker that dies while loading would die again: the waiting pages fail instead of a respawn loop.
  private failToStart(reason: string): void {
    this.worker = null
    for (const job of this.queue.splice(0)) job.reject(new Error(`page parser could not start: ${reason}`))
  }

  private replaceWorker(error: Error): void {
    const worker = this.worker
    this.worker = null
    void worker?.terminate()
    this.finish(error)
  }

  /** Settles the current job (if any) and starts the next one. */
  private finish(error: Error | null, result?: unknown): void {
    const current = this.current
    this.current = null
    if (current) {
      clearTimeout(current.timer)
      if (error) current.job.reject(error)
      else current.job.resolve(result)
    }
    this.pump()
  }
}

let shared: PageParserPool | undefined

/** The process's page parser (created on first use; its worker does not keep the process alive when idle). */
export function sharedPageParser(): PageParserPool {
  shared ??= new PageParserPool()
  return shared
}
