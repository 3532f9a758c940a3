// When a report is due and which period a run covers: pure functions of a cadence, a time zone
// and the clock (luxon does the zone arithmetic, so a DST change moves the UTC instant of "Monday
// 08:00 Berlin" and never skips or doubles a run). The scheduler asks `dueSlot` each minute; it
// answers only the LATEST slot that passed since the last one, so after downtime a missed run is
// caught up once, not once per missed week.
import { DateTime } from 'luxon'
import {
  PERIOD_LABEL,
  type ReportCadence,
  type ReportComparison,
  type ReportPeriod,
} from '../contracts/api/reports.ts'

type PeriodKind = ReportCadence['kind']

function local(cadence: ReportCadence, at: Date): DateTime {
  return DateTime.fromJSDate(at, { zone: cadence.timeZone })
}

/** The slot of the week / month that `anchor` (local time) is in. */
function slotIn(cadence: ReportCadence, anchor: DateTime): DateTime {
  const date =
    cadence.kind === 'weekly'
      ? anchor.set({ weekday: cadence.weekday as 1 | 2 | 3 | 4 | 5 | 6 | 7 })
      : anchor.set({ day: cadence.day })
  // Built afresh from the local date and hour, so the slot of a day is one instant whatever the
  // anchor's offset: a local hour that does not exist (spring forward) is moved forward by
  // luxon, a repeated one (fall back) always takes the same (the later) occurrence. One slot per period either way.
  return DateTime.fromObject(
    { year: date.year, month: date.month, day: date.day, hour: cadence.hour },
    { zone: cadence.timeZone },
  )
}

function step(cadence: ReportCadence): { weeks: number } | { months: number } {
  return cadence.kind === 'weekly' ? { weeks: 1 } : { months: 1 }
}

/** The latest scheduled instant at or before `now`. */
export function latestSlot(cadence: ReportCadence, now: Date): Date {
  const here = local(cadence, now)
  let slot = slotIn(cadence, here)
  if (slot.toMillis() > now.getTime()) slot = slotIn(cadence, here.minus(step(cadence)))
  return slot.toJSDate()
}

/** The first scheduled instant after `now`. */
export function nextSlot(cadence: ReportCadence, now: Date): Date {
  const here = local(cadence, now)
  let slot = slotIn(cadence, here)
  if (slot.toMillis() <= now.getTime()) slot = slotIn(cadence, here.plus(step(cadence)))
  return slot.toJSDate()
}

/**
 * The slot to run now, or null. `since` is the last slot already run (or, for a report never run
 * on schedule, when it was created: a new report waits for its first slot instead of reporting
 * on a slot that passed before it existed). Only the latest passed slot is returned.
 */
export function dueSlot(cadence: ReportCadence, since: Date, now: Date): Date | null {
  const slot = latestSlot(cadence, now)
  return slot.getTime() > since.getTime() ? slot : null
}

const day = (d: DateTime) => d.toISODate()!

function weekPeriod(monday: DateTime): ReportPeriod {
  const label = `${monday.weekYear}-W${String(monday.weekNumber).padStart(2, '0')}`
  return { from: day(monday), to: day(monday.plus({ days: 6 })), label }
}

function monthPeriod(first: DateTime): ReportPeriod {
  return { from: day(first), to: day(first.endOf('month')), label: first.toFormat('yyyy-MM') }
}

/** The last complete week (Monday–Sunday) or month before the slot's local date. */
export function periodForSlot(cadence: ReportCadence, slot: Date): ReportPeriod {
  const here = local(cadence, slot).setZone('UTC', { keepLocalTime: true }).startOf('day')
  return cadence.kind === 'weekly'
    ? weekPeriod(here.startOf('week').minus({ weeks: 1 }))
    : monthPeriod(here.startOf('month').minus({ months: 1 }))
}

/** The last complete period of a kind at `now` in a time zone (a run on demand without a label). */
export function lastCompletePeriod(kind: PeriodKind, now: Date, timeZone: string): ReportPeriod {
  return periodForSlot(
    kind === 'weekly' ? { kind, weekday: 1, hour: 0, timeZone } : { kind, day: 1, hour: 0, timeZone },
    now,
  )
}

/** '2017-W10' → Monday 2017-03-06 … Sunday 2017-03-12; '2017-03' → March. Null when not a real period. */
export function periodOfLabel(label: string): (ReportPeriod & { kind: PeriodKind }) | null {
  const m = PERIOD_LABEL.exec(label.trim())
  if (!m) return null
  const year = Number(m[1])
  if (year < 1970 || year > 2100) return null
  if (m[2] !== undefined) {
    const week = Number(m[2])
    const monday = DateTime.fromObject({ weekYear: year, weekNumber: week, weekday: 1 }, { zone: 'UTC' })
    if (!monday.isValid || week < 1 || week > monday.weeksInWeekYear) return null
    return { kind: 'weekly', ...weekPeriod(monday) }
  }
  const month = Number(m[3])
  if (month < 1 || month > 12) return null
  return { kind: 'monthly', ...monthPeriod(DateTime.utc(year, month, 1)) }
}

/** The window a period is compared with: the `periods` before it, or the same span a year earlier. */
export function comparePeriodOf(
  period: ReportPeriod,
  kind: PeriodKind,
  comparison: ReportComparison,
): ReportPeriod {
  const from = DateTime.fromISO(period.from, { zone: 'UTC' })
  const unit = kind === 'weekly' ? 'weeks' : 'months'
  // A year ago in whole weeks (52) keeps a weekly window Monday-to-Sunday.
  const back =
    comparison.kind === 'year_ago' ? { [unit]: kind === 'weekly' ? 52 : 12 } : { [unit]: comparison.periods }
  const first = from.minus(back)
  const span = comparison.kind === 'year_ago' ? 1 : comparison.periods
  const periods: ReportPeriod[] = []
  for (let i = 0; i < span; i++) {
    const start = first.plus({ [unit]: i })
    periods.push(kind === 'weekly' ? weekPeriod(start) : monthPeriod(start))
  }
  const [a, b] = [periods[0]!, periods[periods.length - 1]!]
  return { from: a.from, to: b.to, label: a === b ? a.label : `${a.label}..${b.label}` }
}
