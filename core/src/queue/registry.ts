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

const sourceKey = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/)

/** Every source is read the same way: discover its units, then read each unit page by page. */
export const scrapePayload = z.discriminatedUnion('kind', [
  /** Find a source's units (HN: the monthly threads; a board: its listing) and queue those due. */
  z.object({
    kind: z.literal('discover'),
    source: sourceKey,
    /** Queue every unit found, due or not (`stackradar scrape --source <board>`: read it now). */
    all: z.boolean().optional(),
  }),
  /** One page of one unit; the processor queues the next page when there is one. */
  z.object({
    kind: z.literal('unit-page'),
    source: sourceKey,
    unit: z.string().min(1).max(200),
    page: z.number().int().min(1).max(1000),
    /** Ads the unit's earlier pages listed in this run (summed into its expected count). */
    listed: z.number().int().min(0).optional(),
  }),
])
export type ScrapePayload = z.infer<typeof scrapePayload>

export const extractPayload = z.object({
  adIds: z.array(z.string().min(1).max(200)).min(1).max(5000),
})
export type ExtractPayload = z.infer<typeof extractPayload>

/** One run of an agency report: build + render + store its files, then deliver; or deliver again. */
export const reportPayload = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('generate'), runId: z.string().min(1).max(120), deliver: z.boolean() }),
  z.object({ kind: z.literal('deliver'), runId: z.string().min(1).max(120) }),
])
export type ReportPayload = z.infer<typeof reportPayload>

export const queues = {
  scrape: defineQueue({ name: 'scrape', payload: scrapePayload, options: { attempts: 5, backoffMs: 2_000 } }),
  extract: defineQueue({
    name: 'extract',
    payload: extractPayload,
    options: { attempts: 8, backoffMs: 500 },
  }),
  // A failed build (a browser crash, ClickHouse away) is retried; the run row says how it went.
  report: defineQueue({
    name: 'report',
    payload: reportPayload,
    options: { attempts: 3, backoffMs: 10_000 },
  }),
} as const

export type QueueName = keyof typeof queues
export type PayloadOf<N extends QueueName> = z.infer<(typeof queues)[N]['payload']>

/** BullMQ job ids may not contain ':'; keep ids to a safe alphabet everywhere. */
export function safeJobId(...parts: (string | number)[]): string {
  return parts.map((p) => String(p).replace(/[^A-Za-z0-9_.-]/g, '_')).join('-')
}

/** Queue one page of a crawl unit; its job id keeps a page queued at most once. */
export function enqueueUnitPage(
  queue: { enqueue(q: 'scrape', p: ScrapePayload, o: { jobId: string }): Promise<void> },
  unit: { source: string; unit: string },
  page: number,
  listed = 0,
): Promise<void> {
  return queue.enqueue(
    'scrape',
    { kind: 'unit-page', source: unit.source, unit: unit.unit, page, ...(page > 1 && { listed }) },
    { jobId: safeJobId('unit', unit.source, unit.unit, `p${page}`) },
  )
}

/** Queue discovery of a source's units (at most one waiting per source). */
export function enqueueDiscover(
  queue: { enqueue(q: 'scrape', p: ScrapePayload, o: { jobId: string }): Promise<void> },
  source: string,
): Promise<void> {
  return queue.enqueue('scrape', { kind: 'discover', source }, { jobId: safeJobId('discover', source) })
}
