// GET /api/v1/sources: per-source health and the scrape queue's depth. Every source answers the
// same row; counters a kind does not keep are absent (boards: adsNew/adsClosed/totalSeen and
// everyMinutes; Hacker News: threadsDone/threadsFailed).
import { z } from 'zod'
import { IsoTime, QueueDepth } from './common.ts'

const count = z.number().int()

export const SourceHealthRow = z
  .object({
    id: z.string(),
    kind: z.string(),
    enabled: z.boolean(),
    everyMinutes: z.number().int().optional().meta({ description: 'how often a board is read' }),
    adsSeen: count.meta({ description: 'ads on the source at the last read (HN: all stored)' }),
    adsNew: count.optional(),
    adsClosed: count.optional(),
    totalSeen: count.optional(),
    threadsDone: count.optional(),
    threadsFailed: count.optional(),
    lastSuccessAt: IsoTime,
    lastError: z.string().nullable(),
    lastErrorAt: IsoTime,
  })
  .meta({ id: 'SourceHealthRow' })
export type SourceHealthRow = z.infer<typeof SourceHealthRow>

export const SourcesResponse = z
  .object({ sources: z.array(SourceHealthRow), queue: z.object({ scrape: QueueDepth }) })
  .meta({ id: 'SourcesResponse' })
export type SourcesResponse = z.infer<typeof SourcesResponse>
