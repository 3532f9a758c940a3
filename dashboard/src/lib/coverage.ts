// Which periods are not captured in full, from /api/v1/coverage (per source and month: complete or
// not). Pages whose endpoint carries no completeness flag (breakdown, salaries) use it to draw those
// periods dashed: a week, month, quarter or year is incomplete when any month it touches is.
import type { CoverageResponse } from '@stackradar/core/contracts/api'

export type PeriodLength = 'week' | 'month' | 'quarter' | 'year' | 'all'

/** First days of the months a period touches ("2026-04-01" quarter → April, May, June). */
export function monthsOf(period: string, length: PeriodLength): string[] {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(period)) return []
  const y = Number(period.slice(0, 4))
  const m = Number(period.slice(5, 7)) - 1
  const month = (k: number) => new Date(Date.UTC(y, m + k, 1)).toISOString().slice(0, 10)
  if (length === 'week') {
    const end = new Date(Date.parse(`${period}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 7)
    return [...new Set([month(0), `${end}-01`])]
  }
  const count = length === 'quarter' ? 3 : length === 'year' ? 12 : 1
  return Array.from({ length: count }, (_, k) => month(k))
}

/** Months (first days) with at least one source not complete, optionally for some sources only. */
export function incompleteMonths(
  coverage: CoverageResponse | null,
  sources: readonly string[] = [],
): Set<string> {
  const out = new Set<string>()
  for (const r of coverage?.rows ?? [])
    if (!r.complete && (sources.length === 0 || sources.includes(r.source))) out.add(r.period)
  return out
}

/** A predicate for a chart's `incomplete` list. */
export function isIncomplete(months: ReadonlySet<string>, length: PeriodLength): (period: string) => boolean {
  if (length === 'all') return () => months.size > 0
  return (period) => monthsOf(period, length).some((m) => months.has(m))
}
