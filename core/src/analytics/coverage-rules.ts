// Whether a period's numbers can be trusted, per source and month. `complete`: the month has
// ended, no page of its crawl units failed, none is unfinished, and the ads stored are ≥ 95% of
// what the source itself states. A source's own count misses some gaps (a thread recorded early
// in its month states fewer comments than it ends with), so a month is also `suspect` when its
// volume is under 40% of the median of the six months around it (three each side). Pure.

/** A crawl unit's coverage (the crawl-state table's verb returns this shape). */
export interface CoverageUnit {
  source: string
  unitCreatedAt: string
  status: string
  pagesFailed: number
  expected: number
  stored: number
}

export interface CoverageRow {
  source: string
  period: string
  /** Distinct ads of the source posted in the month. */
  ads: number
  /** Ads the source stated for its units of the month; null when it states none. */
  expected: number | null
  /** Ads stored for those units. */
  stored: number
  units: number
  unitsFailed: number
  pagesFailed: number
  complete: boolean
  suspect: boolean
  /** Median volume of the six months around; null with no neighbours. */
  neighbourMedian: number | null
}

export const COMPLETE_RATIO = 0.95
export const SUSPECT_RATIO = 0.4
const NEIGHBOURS_EACH_SIDE = 3

const monthOf = (s: string) => `${s.slice(0, 7)}-01`
/** The first day of the month `n` months from `period` (a first day, 'YYYY-MM-01'); plain arithmetic. */
function addMonth(period: string, n: number): string {
  const index = Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1 + n
  const year = Math.floor(index / 12)
  return `${String(year).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}-01`
}
function median(xs: number[]): number {
  const v = [...xs].sort((a, b) => a - b)
  const m = v.length >> 1
  return v.length % 2 ? v[m]! : (v[m - 1]! + v[m]!) / 2
}

export function coverageRows(
  units: readonly CoverageUnit[],
  volumes: readonly { source: string; period: string; ads: number }[],
  now: Date,
): CoverageRow[] {
  const key = (s: string, p: string) => `${s}|${p}`
  const rows = new Map<string, CoverageRow>()
  const row = (source: string, period: string) => {
    let r = rows.get(key(source, period))
    if (!r) {
      r = {
        source,
        period,
        ads: 0,
        expected: null,
        stored: 0,
        units: 0,
        unitsFailed: 0,
        pagesFailed: 0,
      } as CoverageRow
      rows.set(key(source, period), r)
    }
    return r
  }
  for (const v of volumes) row(v.source, monthOf(v.period)).ads += v.ads
  for (const u of units) {
    const r = row(u.source, monthOf(u.unitCreatedAt))
    r.units += 1
    r.unitsFailed += u.status === 'done' ? 0 : 1
    r.pagesFailed += u.pagesFailed
    r.stored += u.stored
    if (u.expected > 0) r.expected = (r.expected ?? 0) + u.expected
  }
  const thisMonth = monthOf(now.toISOString())
  const out = [...rows.values()].sort(
    (a, b) => a.source.localeCompare(b.source) || a.period.localeCompare(b.period),
  )
  const bySource = new Map<string, CoverageRow[]>()
  for (const r of out) {
    const series = bySource.get(r.source)
    if (series) series.push(r)
    else bySource.set(r.source, [r])
  }
  for (const series of bySource.values()) {
    const first = series[0]!.period
    const last = series.at(-1)!.period
    const volumeOf = new Map(series.map((r) => [r.period, r.ads]))
    for (const r of series) {
      const around: number[] = []
      for (let i = 1; i <= NEIGHBOURS_EACH_SIDE; i++) {
        for (const p of [addMonth(r.period, -i), addMonth(r.period, i)])
          if (p >= first && p <= last) around.push(volumeOf.get(p) ?? 0)
      }
      r.neighbourMedian = around.length ? median(around) : null
      r.suspect =
        r.neighbourMedian !== null && r.neighbourMedian > 0 && r.ads < SUSPECT_RATIO * r.neighbourMedian
      r.complete =
        r.period < thisMonth &&
        r.units > 0 &&
        r.unitsFailed === 0 &&
        r.pagesFailed === 0 &&
        r.expected !== null &&
        r.stored >= COMPLETE_RATIO * r.expected
    }
  }
  return out
}
