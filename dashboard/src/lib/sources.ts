// Pure shaping for the sources page (no DOM): each source's health in one word plus the sentence
// that explains it, its counters, and its coverage per month with the reason a month is not complete.
// A failed page or thread makes a source "partly failed" (amber) and says what failed; only a source
// whose reads all fail, or that never succeeded, is "failing" (red).
import type { CoverageResponse, SourceHealthRow, StatusResponse } from '@stackradar/core/contracts/api'
import { formatCount, formatDateTime } from './format'

export type Health = 'ok' | 'reading' | 'partial' | 'failing' | 'never'

export const HEALTH_LABELS: Record<Health, string> = {
  ok: 'OK',
  reading: 'Reading',
  partial: 'Partly failed',
  failing: 'Failing',
  never: 'Not read yet',
}

function time(iso: string | null): number | null {
  const t = iso ? Date.parse(iso) : NaN
  return Number.isNaN(t) ? null : t
}

const plural = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`

export interface SourceState {
  health: Health
  /** What is going on, in words (what failed, what is being read); null when all is well. */
  reason: string | null
}

type HealthFields = Pick<
  SourceHealthRow,
  | 'lastSuccessAt'
  | 'lastErrorAt'
  | 'lastError'
  | 'threadsDone'
  | 'threadsFailed'
  | 'unitsTotal'
  | 'unitsPending'
  | 'pagesFailed'
  | 'nextRetryAt'
  | 'kind'
>

export function sourceState(s: HealthFields): SourceState {
  const success = time(s.lastSuccessAt)
  const error = time(s.lastErrorAt)
  const unit = s.kind === 'hn' ? 'thread' : 'listing'
  const retry = s.nextRetryAt ? ` Next try: ${formatDateTime(s.nextRetryAt)}.` : ''
  const what = s.lastError ? `: ${s.lastError}` : ''
  if (success === null && error === null)
    return { health: 'never', reason: 'Not read yet; the first read is scheduled.' }
  if (success === null || (error !== null && error > success && s.threadsDone === 0))
    return { health: 'failing', reason: `Every read has failed so far${what}.${retry}` }
  if (s.threadsFailed > 0 || s.pagesFailed > 0 || (error !== null && error > success)) {
    const parts: string[] = []
    if (s.threadsFailed > 0)
      parts.push(`${formatCount(s.threadsFailed)} of ${plural(s.unitsTotal, unit)} failed`)
    if (s.pagesFailed > 0) parts.push(plural(s.pagesFailed, 'page') + ' failed')
    const head = parts.length ? parts.join(', ') : 'The last read failed'
    const rest = s.threadsDone > 0 ? ` The other ${plural(s.threadsDone, unit)} were read in full.` : ''
    return { health: 'partial', reason: `${head}${what}.${rest}${retry}` }
  }
  if (s.unitsPending > 0)
    return {
      health: 'reading',
      reason: `Reading: ${formatCount(s.threadsDone)} of ${plural(s.unitsTotal, unit)} done, ${formatCount(s.unitsPending)} to go.`,
    }
  return { health: 'ok', reason: null }
}

export interface Counter {
  label: string
  value: string
}

export function sourceCounters(s: SourceHealthRow): Counter[] {
  const unit = s.kind === 'hn' ? 'Threads' : 'Listings'
  const out: Counter[] = [
    { label: s.kind === 'hn' ? 'Ads stored' : 'Ads on the board', value: formatCount(s.adsSeen) },
    { label: 'Ever seen', value: formatCount(s.totalSeen) },
    { label: `${unit} read`, value: `${formatCount(s.threadsDone)} / ${formatCount(s.unitsTotal)}` },
  ]
  if (s.kind !== 'hn')
    out.push(
      { label: 'New', value: formatCount(s.adsNew) },
      { label: 'Closed', value: formatCount(s.adsClosed) },
    )
  if (s.expected > 0)
    out.push({ label: 'Stored / stated', value: `${formatCount(s.stored)} / ${formatCount(s.expected)}` })
  if (s.everyMinutes)
    out.push({
      label: 'Read every',
      value: s.everyMinutes % 60 === 0 ? `${s.everyMinutes / 60} h` : `${s.everyMinutes} min`,
    })
  return out
}

export type CoverageRow = CoverageResponse['rows'][number]

export interface CoverageLine {
  period: string
  month: string
  ads: number
  stored: string
  status: 'complete' | 'incomplete' | 'suspect'
  why: string
}

/** "2026-11-01" is the current month of `now` or later: still running. */
function running(period: string, now: number): boolean {
  const d = new Date(now)
  const current = `${d.toISOString().slice(0, 7)}-01`
  return period >= current
}

/** A source's months, newest first, each with the reason it is not complete. */
export function coverageLines(
  rows: readonly CoverageRow[],
  source: string,
  unit = 'unit',
  now = Date.now(),
): CoverageLine[] {
  return rows
    .filter((r) => r.source === source)
    .sort((a, b) => b.period.localeCompare(a.period))
    .map((r) => {
      const why: string[] = []
      if (running(r.period, now)) why.push('month still running')
      if (r.unitsFailed > 0) why.push(`${plural(r.unitsFailed, unit)} failed`)
      if (r.pagesFailed > 0) why.push(`${plural(r.pagesFailed, 'page')} failed`)
      if (r.expected !== null && r.stored < 0.95 * r.expected)
        why.push(`${formatCount(r.stored)} of ${formatCount(r.expected)} stated ads stored`)
      if (r.suspect)
        why.push(`volume under 40% of nearby months (${formatCount(Math.round(r.neighbourMedian ?? 0))})`)
      const status: CoverageLine['status'] = r.suspect ? 'suspect' : r.complete ? 'complete' : 'incomplete'
      if (status === 'incomplete' && why.length === 0) why.push('not read in full yet')
      return {
        period: r.period,
        month: r.period.slice(0, 7),
        ads: r.ads,
        stored:
          r.expected === null
            ? formatCount(r.stored)
            : `${formatCount(r.stored)} / ${formatCount(r.expected)}`,
        status,
        why: why.join('; '),
      }
    })
}

export interface Work {
  running: boolean
  percent: number | null
  text: string
  queues: string
}

/** The backfill and queues in words, with a percentage for a progress bar. */
export function workSummary(status: StatusResponse): Work {
  const { total, done, failed } = status.backfill.threads
  const q = status.queues
  const queues = `Scrape queue: ${formatCount(q.scrape.waiting)} waiting, ${formatCount(q.scrape.active)} running · Extract queue: ${formatCount(q.extract.waiting)} waiting, ${formatCount(q.extract.active)} running`
  const eta = status.backfill.etaSeconds
  const left =
    eta === null ? '' : eta < 90 ? ', about a minute left' : `, about ${Math.round(eta / 60)} min left`
  if (status.backfill.running)
    return {
      running: true,
      percent: total > 0 ? Math.round((100 * (done + failed)) / total) : null,
      text: `Reading the history: ${formatCount(done + failed)} of ${plural(total, 'unit')} (${formatCount(status.ads.extracted)} of ${formatCount(status.ads.raw)} ads extracted)${left}.`,
      queues,
    }
  const busy = q.scrape.waiting + q.scrape.active + q.extract.waiting + q.extract.active > 0
  return {
    running: busy,
    percent: null,
    text: busy
      ? 'Reading new ads.'
      : `Idle: ${formatCount(status.ads.extracted)} ads stored and extracted${failed > 0 ? `; ${plural(failed, 'unit')} failed and will be retried` : ''}.`,
    queues,
  }
}
