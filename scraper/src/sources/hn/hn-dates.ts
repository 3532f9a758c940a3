// HN age labels and how an ad's date is derived from them.
// Old pages say "on Apr 3, 2017" (saved more than a year after posting) or "51 days ago"; today's HN
// adds a `title="2025-06-02T15:01:40 1748876500"` attribute (ISO time in UTC, then unix seconds).
import type { HnAge, HnDateSource } from './types.ts'

const MONTH_ABBREVIATIONS = [
  'jan',
  'feb',
  'mar',
  'apr',
  'may',
  'jun',
  'jul',
  'aug',
  'sep',
  'oct',
  'nov',
  'dec',
]

const UNIT_SECONDS: Record<string, number> = {
  second: 1,
  minute: 60,
  hour: 3600,
  day: 86_400,
  week: 7 * 86_400,
  month: 30 * 86_400,
  year: 365 * 86_400,
}
// Units precise enough to place a comment inside its month; "3 months ago" is not.
const PRECISE_UNITS = new Set(['second', 'minute', 'hour', 'day'])

const RELATIVE_AGE = /^(\d{1,6}|an?|one)\s+(second|minute|hour|day|week|month|year)s?\s+ago$/i
const ABSOLUTE_AGE = /^(?:on\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/i
const TITLE_ISO = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})?$/i

// HN ages are later than this and not in the future; anything else is markup we misread.
const EARLIEST_HN_MS = Date.UTC(2006, 0, 1)

export interface ParsedHnAge extends HnAge {
  /** True when `relativeSeconds` is in seconds/minutes/hours/days. */
  relativeIsPrecise: boolean
}

/** Reads an age label and its optional `title` attribute. Never throws; unknown text gives nulls. */
export function parseHnAge(text: string, titleAttribute?: string | null): ParsedHnAge {
  const label = text.replace(/\s+/g, ' ').trim()
  const fromTitle = titleAttribute ? parseAgeTitleAttribute(titleAttribute) : null
  const relative = parseRelativeAge(label)
  return {
    text: label,
    absolute: fromTitle ?? parseAbsoluteAge(label),
    relativeSeconds: relative?.seconds ?? null,
    relativeIsPrecise: relative?.precise ?? false,
  }
}

/**
 * `title` of today's `span.age`: "2025-06-02T15:01:40 1748876500", "2021-10-26T22:30:37" (2021 pages),
 * possibly with a zone or fractional seconds. The unix seconds win when present; a bare ISO time is UTC.
 */
export function parseAgeTitleAttribute(value: string): Date | null {
  let iso: Date | null = null
  let unix: Date | null = null
  for (const token of value.trim().split(/\s+/)) {
    if (/^\d{9,11}$/.test(token)) unix = plausible(new Date(Number(token) * 1000))
    else {
      const match = TITLE_ISO.exec(token)
      if (match !== null) iso = plausible(new Date(`${match[1]}T${match[2]}${match[3] ?? 'Z'}`))
    }
  }
  return unix ?? iso
}

function parseAbsoluteAge(label: string): Date | null {
  const match = ABSOLUTE_AGE.exec(label)
  if (match === null) return null
  const month = MONTH_ABBREVIATIONS.indexOf((match[1] as string).slice(0, 3).toLowerCase())
  const day = Number(match[2])
  if (month === -1 || day < 1 || day > 31) return null
  return plausible(new Date(Date.UTC(Number(match[3]), month, day)))
}

function parseRelativeAge(label: string): { seconds: number; precise: boolean } | null {
  const match = RELATIVE_AGE.exec(label)
  if (match === null) return null
  const count = /^\d+$/.test(match[1] as string) ? Number(match[1]) : 1
  const unit = (match[2] as string).toLowerCase()
  return { seconds: count * (UNIT_SECONDS[unit] as number), precise: PRECISE_UNITS.has(unit) }
}

function plausible(date: Date): Date | null {
  const ms = date.getTime()
  return Number.isFinite(ms) && ms >= EARLIEST_HN_MS ? date : null
}

const MAX_AD_DAYS_AFTER_THREAD = 40

export interface DateAnchors {
  /** When the thread was created: from the caller, or the page's own absolute thread age. */
  threadCreatedAt: Date | null
  threadAge: ParsedHnAge | null
  /** First day of the month in the thread title: the last resort. */
  titleMonthStart: Date | null
}

/**
 * An ad's date: the comment's own absolute time; else thread creation + (thread age − comment age) when
 * both ages are precise (clamped to the 40 days after the thread opened); else the thread's date.
 * Null when the page gives nothing to go on.
 */
export function resolvePostedAt(
  commentAge: ParsedHnAge | null,
  anchors: DateAnchors,
): { postedAt: Date; dateSource: HnDateSource } | null {
  if (commentAge?.absolute) return { postedAt: commentAge.absolute, dateSource: 'absolute' }
  const { threadCreatedAt, threadAge } = anchors
  if (
    threadCreatedAt !== null &&
    commentAge?.relativeIsPrecise &&
    threadAge?.relativeIsPrecise &&
    commentAge.relativeSeconds !== null &&
    threadAge.relativeSeconds !== null
  ) {
    const offsetSeconds = Math.min(
      Math.max(threadAge.relativeSeconds - commentAge.relativeSeconds, 0),
      MAX_AD_DAYS_AFTER_THREAD * 86_400,
    )
    return { postedAt: new Date(threadCreatedAt.getTime() + offsetSeconds * 1000), dateSource: 'relative' }
  }
  const threadDate = threadCreatedAt ?? anchors.titleMonthStart
  return threadDate === null ? null : { postedAt: threadDate, dateSource: 'thread' }
}
