// How the tallies with month rows read a date window: the whole months it holds from the month
// rows, the days before and after them from the day rows (tally_pairs, tally_salaries).

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
  const f = utc(from)
  const t = utc(to)
  const firstWhole = f.getUTCDate() === 1 ? f : new Date(Date.UTC(f.getUTCFullYear(), f.getUTCMonth() + 1, 1))
  const afterTo = new Date(t.getTime() + 86_400_000)
  // The month of `to` is whole when `to` is its last day.
  const lastWhole =
    afterTo.getUTCDate() === 1
      ? new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), 1))
      : new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() - 1, 1))
  if (firstWhole > lastWhole)
    return {
      from,
      to,
      monthFrom: day(firstWhole),
      monthTo: day(lastWhole),
      headTo: to,
      tailFrom: day(afterTo),
    }
  const afterLast = new Date(Date.UTC(lastWhole.getUTCFullYear(), lastWhole.getUTCMonth() + 1, 1))
  return {
    from,
    to,
    monthFrom: day(firstWhole),
    monthTo: day(lastWhole),
    headTo: day(new Date(firstWhole.getTime() - 86_400_000)),
    tailFrom: day(afterLast),
  }
}

/** The query parameters of a window: its fields prefixed `tw_` (tw_from, tw_monthFrom, …). */
export function tallyWindowParams(w: TallyWindow): Record<string, string> {
  return Object.fromEntries(Object.entries(w).map(([k, v]) => [`tw_${k}`, v]))
}
