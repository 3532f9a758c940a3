// How the tallies with month (or week, or year) rows read a date window: the whole periods it holds
// from the period rows, the days before and after them from the day rows (tally_pairs,
// tally_salaries, tally_skill_periods).

/** A window's parts: the whole months it holds, and its days before and after them. */
export interface TallyWindow {
  from: string
  to: string
  /** First days of the first and last whole month (from > to when it holds none). */
  monthFrom: string
  monthTo: string
  /** Days of the window outside the whole months, before and after them (empty: from > to). */
  headTo: string
  tailFrom: string
}

const day = (d: Date) => d.toISOString().slice(0, 10)
const utc = (s: string) => new Date(`${s}T00:00:00Z`)

/** Splits a window (YYYY-MM-DD, inclusive) into whole months and the days around them. */
export function tallyWindow(from: string, to: string): TallyWindow {
  const { first, last, end } = periodBounds('month', from, to)
  // No whole month: every day is a head day, and the month range is empty (first after last).
  if (end < first) return { from, to, monthFrom: first, monthTo: last, headTo: to, tailFrom: plusDays(to, 1) }
  return {
    from,
    to,
    monthFrom: first,
    monthTo: last,
    headTo: plusDays(first, -1),
    tailFrom: plusDays(end, 1),
  }
}

/** The query parameters of a window: its fields prefixed `tw_` (tw_from, tw_monthFrom, …). */
export function tallyWindowParams(w: TallyWindow): Record<string, string> {
  return Object.fromEntries(Object.entries(w).map(([k, v]) => [`tw_${k}`, v]))
}

const plusDays = (d: string, n: number) => day(new Date(utc(d).getTime() + n * 86_400_000))

/** ClickHouse's last Date, and its first Monday (toMonday gives 1970-01-01 before it). */
export const MAX_DATE = '2149-06-06'
const FIRST_MONDAY = '1970-01-05'

type Grain = 'week' | 'month' | 'year'

/** The first day of the period holding the day `d`, as PERIOD_SQL starts it. */
function periodStart(grain: Grain, d: string): string {
  if (grain === 'year') return `${d.slice(0, 4)}-01-01`
  if (grain === 'month') return `${d.slice(0, 7)}-01`
  if (d < FIRST_MONDAY) return '1970-01-01'
  return plusDays(d, -((utc(d).getUTCDay() + 6) % 7))
}

/** The last day of the period holding the day `d` (past MAX_DATE for its own period). */
export function periodEnd(grain: Grain, d: string): string {
  if (grain === 'year') return `${d.slice(0, 4)}-12-31`
  if (grain === 'week') return d < FIRST_MONDAY ? '1970-01-04' : plusDays(periodStart('week', d), 6)
  const t = utc(d)
  return plusDays(day(new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 1))), -1)
}

/** The whole years of a window, for the tallies' year rows: first days of the first and last. */
export interface TallyYears {
  yearFrom: string
  yearTo: string
  /** The last whole year's last day; before yearFrom when the window holds no whole year. */
  yearEnd: string
}

/** No whole year: `lo BETWEEN yearFrom AND yearEnd` holds no day. */
const NO_YEARS: TallyYears = { yearFrom: MAX_DATE, yearTo: '1970-01-01', yearEnd: '1970-01-01' }

/**
 * The whole years a window (YYYY-MM-DD, inclusive) holds, read from year rows instead of their
 * months; none when `use` is false (a count per month or quarter: a year row spans several).
 */
export function tallyYears(from: string, to: string, use: boolean): TallyYears {
  if (!use) return NO_YEARS
  const { first, last, end } = periodBounds('year', from, to)
  // A first whole year after ClickHouse's last Date cannot be a parameter: the window holds none.
  return end < first || first > MAX_DATE ? NO_YEARS : { yearFrom: first, yearTo: last, yearEnd: end }
}

/** The query parameters of the whole years: tw_yearFrom, tw_yearTo, tw_yearEnd. */
export function tallyYearsParams(y: TallyYears): Record<string, string> {
  return { tw_yearFrom: y.yearFrom, tw_yearTo: y.yearTo, tw_yearEnd: y.yearEnd }
}

/**
 * The periods a window holds whole: the first's and last's first days, and the last's last day;
 * null when it holds none.
 */
export function wholePeriods(
  grain: 'week' | 'month',
  from: string,
  to: string,
): { first: string; last: string; end: string } | null {
  const bounds = periodBounds(grain, from, to)
  return bounds.end < bounds.first ? null : bounds
}

/** wholePeriods' bounds, also when the window holds no whole period (then end < first). */
function periodBounds(grain: Grain, from: string, to: string) {
  const first = periodStart(grain, from) === from ? from : plusDays(periodEnd(grain, from), 1)
  const end = periodEnd(grain, to) === to ? to : plusDays(periodStart(grain, to), -1)
  return { first, last: periodStart(grain, end), end }
}

/**
 * The FROM of a count path's `skillsByPeriod` (core/src/analytics/query-path.ts): the rows of a
 * period table for the whole periods tp_from..tp_to of grain tp_grain and, unless `days` is false,
 * the rows of its day table on the days around them (before tp_from, after tp_end), as (skill,
 * posted_day, prev_day, jobs). `where`: each table's own condition (its grain of rows, the filters).
 */
export function periodAndDayRowsSql(
  periods: { table: string; where: string },
  dayRows: { table: string; where: string },
  days: boolean,
): string {
  const columns = 'skill, posted_day, prev_day, jobs'
  const whole = `SELECT ${columns} FROM ${periods.table}
      WHERE grain = {tp_grain:String} AND posted_day BETWEEN {tp_from:Date} AND {tp_to:Date} AND ${periods.where}`
  if (!days) return `FROM (${whole})`
  return `FROM (${whole}
      UNION ALL
      SELECT ${columns} FROM ${dayRows.table}
      WHERE (posted_day < {tp_from:Date} OR posted_day > {tp_end:Date}) AND ${dayRows.where})`
}
