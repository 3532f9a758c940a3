// Shapes every API resource shares: the error body, and the query parameters several endpoints
// take (date range, source, interval, limit). Browser-safe: imports zod only.
//
// Query parameters arrive as strings. Each schema here parses the string itself (no coercion:
// `Number('1e2')` would accept what a reader does not expect) and every message names what it
// wants, because the API prefixes it with the parameter's name in its 400 answer.
import { z } from 'zod'

/** Every failure of the API: `{ error: { code, message, param? } }` with the HTTP status. */
export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ example: 'bad_request' }),
      message: z.string().meta({ example: 'interval: expected one of week, month, quarter, year' }),
      param: z.string().optional().meta({ description: 'the query parameter at fault' }),
    }),
  })
  .meta({ id: 'Error' })
export type ErrorBody = z.infer<typeof ErrorBody>

export const INTERVALS = ['week', 'month', 'quarter', 'year'] as const
export type Interval = (typeof INTERVALS)[number]

export const IntervalParam = z
  .enum(INTERVALS, { error: `expected one of ${INTERVALS.join(', ')}` })
  .default('month')
  .meta({ description: 'period length of each point' })

const SOURCE_ID = /^[a-z0-9-]{1,40}$/

/** `?source=hn`; empty or absent means every source. */
export const SourceParam = z
  .string()
  .optional()
  .transform((s) => s?.trim() || null)
  .refine((s) => s === null || SOURCE_ID.test(s), 'expected a source id such as hn')
  .meta({ description: 'only ads from this source id (e.g. hn, a board id)', example: 'hn' })

const DAY_OR_MONTH = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/
export const DAY_MESSAGE = 'expected a month YYYY-MM or a day YYYY-MM-DD'

/**
 * YYYY-MM or YYYY-MM-DD → a day (YYYY-MM-DD); a month means its first day (`start`, for `from`)
 * or its last (`end`, for `to`). Null for a string that is not a real date from 1970 to 2100.
 */
export function dayOf(raw: string, edge: 'start' | 'end'): string | null {
  const m = DAY_OR_MONTH.exec(raw.trim())
  if (!m) return null
  const [year, month, day] = [Number(m[1]), Number(m[2]), m[3] === undefined ? undefined : Number(m[3])]
  if (year < 1970 || year > 2100 || month < 1 || month > 12) return null
  const d =
    day === undefined
      ? new Date(Date.UTC(year, edge === 'start' ? month - 1 : month, edge === 'start' ? 1 : 0))
      : new Date(Date.UTC(year, month - 1, day))
  // Date.UTC rolls 2026-02-31 over into March: reject days the month does not have.
  if (day !== undefined && (d.getUTCMonth() !== month - 1 || day < 1)) return null
  return d.toISOString().slice(0, 10)
}

/** `?from=` / `?to=`: a month or a day, answered as the day it stands for (null when absent). */
export function dayParam(edge: 'start' | 'end') {
  return z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (!raw) return null
      const day = dayOf(raw, edge)
      if (day === null) ctx.addIssue({ code: 'custom', message: DAY_MESSAGE })
      return day
    })
    .meta({
      description: `a month YYYY-MM (its ${edge === 'start' ? 'first' : 'last'} day) or a day YYYY-MM-DD`,
      example: edge === 'start' ? '2024-01' : '2024-12',
    })
}

/** `?limit=`: digits only (no `1e2`, `0x10`, `+5`), from 1 to max. */
export function limitParam(max: number, fallback: number) {
  const message = `an integer from 1 to ${max}`
  return z
    .string()
    .regex(/^\d{1,6}$/, message)
    .transform(Number)
    .pipe(z.number().int().min(1, message).max(max, message))
    .optional()
    .transform((n) => n ?? fallback)
    .meta({ description: `how many to return (1 to ${max}, default ${fallback})`, example: String(fallback) })
}

/** A skill id as the taxonomy spells it (lowercase letters, digits, dashes). */
export const SKILL_ID = /^[a-z0-9][a-z0-9-]{0,59}$/

/** Queue depth as the API reports it (delayed jobs count as waiting). */
export const QueueDepth = z.object({ waiting: z.number().int(), active: z.number().int() })
export type QueueDepth = z.infer<typeof QueueDepth>

/** An instant as ISO 8601 in UTC, or null when it has not happened. */
export const IsoTime = z.string().nullable()
