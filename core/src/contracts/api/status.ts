// GET /api/v1/status: ads stored and extracted, backfill progress, queue depth.
import { z } from 'zod'
import { IsoTime, QueueDepth } from './common.ts'

export const StatusResponse = z
  .object({
    mode: z.enum(['embedded', 'distributed']),
    ads: z.object({ raw: z.number().int(), extracted: z.number().int() }),
    backfill: z.object({
      running: z.boolean(),
      threads: z.object({ total: z.number().int(), done: z.number().int(), failed: z.number().int() }),
      /** The most recent failed crawl units (at most 20): why, how often in a row, next retry. */
      failedUnits: z.array(
        z.object({
          source: z.string(),
          label: z.string(),
          error: z.string(),
          failures: z.number().int(),
          retryAt: IsoTime,
        }),
      ),
      startedAt: IsoTime,
      updatedAt: IsoTime,
    }),
    queues: z.object({ scrape: QueueDepth, extract: QueueDepth }),
    extractorVersion: z.number().int(),
  })
  .meta({ id: 'StatusResponse' })
export type StatusResponse = z.infer<typeof StatusResponse>
