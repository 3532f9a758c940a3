// Every queue is declared once here: its name, the zod schema of its payload and its job
// options. Payloads carry ids and small data, never page HTML.
import { z } from 'zod'

export interface JobOptions {
  /** Tries in all, the first included. */
  attempts: number
  /** First retry delay; doubles each time, with jitter. */
  backoffMs: number
}

export interface QueueDef<S extends z.ZodType = z.ZodType> {
  name: string
  payload: S
  options: JobOptions
}

function defineQueue<S extends z.ZodType>(def: QueueDef<S>): QueueDef<S> {
  return def
}

const month = z.string().regex(/^\d{4}-\d{2}$/)

export const scrapePayload = z.discriminatedUnion('kind', [
  /** Find the monthly "Who is hiring?" threads and queue those that need a (re)scan. */
  z.object({ kind: z.literal('hn-discover') }),
  /** One page of one thread; the processor queues the next page when there is one. */
  z.object({
    kind: z.literal('hn-thread-page'),
    threadId: z.string().regex(/^\d+$/),
    month,
    threadCreatedAt: z.iso.datetime(),
    page: z.number().int().min(1).max(100),
  }),
  /** Read one configured job board (an entry of the sources file) in full. */
  z.object({ kind: z.literal('board'), sourceKey: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/) }),
])
export type ScrapePayload = z.infer<typeof scrapePayload>

export const extractPayload = z.object({
  adIds: z.array(z.string().min(1).max(200)).min(1).max(5000),
})
export type ExtractPayload = z.infer<typeof extractPayload>

export const queues = {
  scrape: defineQueue({ name: 'scrape', payload: scrapePayload, options: { attempts: 5, backoffMs: 2_000 } }),
  extract: defineQueue({
    name: 'extract',
    payload: extractPayload,
    options: { attempts: 8, backoffMs: 500 },
  }),
} as const

export type QueueName = keyof typeof queues
export type PayloadOf<N extends QueueName> = z.infer<(typeof queues)[N]['payload']>

/** BullMQ job ids may not contain ':'; keep ids to a safe alphabet everywhere. */
export function safeJobId(...parts: (string | number)[]): string {
  return parts.map((p) => String(p).replace(/[^A-Za-z0-9_.-]/g, '_')).join('-')
}

/** Queue one page of a "Who is hiring?" thread; its job id keeps a page queued at most once. */
export function enqueueHnThreadPage(
  queue: { enqueue(q: 'scrape', p: ScrapePayload, o: { jobId: string }): Promise<void> },
  thread: { threadId: string; month: string; createdAt: Date },
  page: number,
): Promise<void> {
  return queue.enqueue(
    'scrape',
    {
      kind: 'hn-thread-page',
      threadId: thread.threadId,
      month: thread.month,
      threadCreatedAt: thread.createdAt.toISOString(),
      page,
    },
    { jobId: safeJobId('hn-thread', thread.threadId, `p${page}`) },
  )
}
