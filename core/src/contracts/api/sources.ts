// GET /api/v1/sources: per-source health and the scrape queue's depth. Every source answers the
// same row: its crawl units (done, failed, pending, pages failed, expected vs stored, next retry)
// and, for boards, the counters of their last listing read.
import { z } from 'zod'
import { IsoTime, QueueDepth } from './common.ts'

const count = z.number().int()

export const SourceHealthRow = z
  .object({
    id: z.string(),
    kind: z.string(),
    enabled: z.boolean(),
    everyMinutes: count.nullable().meta({ description: 'how often a board is read (null: by schedule)' }),
    adsSeen: count.meta({ description: 'ads on the source at the last read (paged sources: all stored)' }),
    adsNew: count,
    adsClosed: count,
    totalSeen: count,
    lastSuccessAt: IsoTime,
    lastError: z.string().nullable(),
    lastErrorAt: IsoTime,
    threadsDone: count.meta({ description: 'crawl units (threads, listings) read in full' }),
    threadsFailed: count.meta({ description: 'crawl units given up on; retried at nextRetryAt' }),
    unitsTotal: count,
    unitsPending: count,
    pagesFailed: count,
    expected: count.meta({ description: 'ads the source says its units hold' }),
    stored: count.meta({ description: 'ads stored from those units' }),
    nextRetryAt: IsoTime,
  })
  .meta({ id: 'SourceHealthRow' })
export type SourceHealthRow = z.infer<typeof SourceHealthRow>

export const SourcesResponse = z
  .object({ sources: z.array(SourceHealthRow), queue: z.object({ scrape: QueueDepth }) })
  .meta({ id: 'SourcesResponse' })
export type SourcesResponse = z.infer<typeof SourcesResponse>
