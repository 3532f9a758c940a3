// Table crawl_state: one row per crawl unit of every source (a Hacker News thread, a board's
// listing): status, pages read / failed, expected vs stored ads, last error, attempts and when
// it is due again. Written by the scrape pipeline, read by the scheduler (what is due), status,
// source health and coverage.
import type { ClickHouseClient } from '@clickhouse/client'
import type { TableWriter } from '../clickhouse/batch-writer.ts'
import { fromDateTime, toDateTime, toDateTime64 } from '../clickhouse/datetime.ts'
import { queryRows } from '../clickhouse/query.ts'

export type UnitStatus = 'pending' | 'done' | 'failed'

export interface CrawlStateRow {
  source: string
  kind: string
  unit: string
  label: string
  unit_created_at: string
  status: UnitStatus
  pages: number
  pages_failed: number
  expected: number
  stored: number
  error: string
  error_at: string | null
  attempts: number
  next_run_at: string | null
  last_success_at: string | null
  updated_at: string
}

export interface UnitState {
  /** Source key: 'hn' or a board id of the sources file. */
  source: string
  kind: string
  /** The unit's key within its source (a thread id; a board's own id). */
  unit: string
  label: string
  unitCreatedAt: Date
  status: UnitStatus
  /** Pages read in the last run. */
  pages: number
  /** Pages that could not be read (the run stopped there). */
  pagesFailed: number
  /** Ads the source listed on the pages read. */
  expected: number
  /** Distinct ads of the unit stored when it was last finished. */
  stored: number
  error: string
  errorAt: Date | null
  /** Failed runs in a row (0 after a success); drives the retry backoff. */
  attempts: number
  /** When the unit is due again; null: never (a finished old thread). */
  nextRunAt: Date | null
  lastSuccessAt: Date | null
}

/** Coverage of one unit: what the source listed against what is stored. */
export type UnitCoverage = Pick<
  UnitState,
  'source' | 'kind' | 'unit' | 'label' | 'status' | 'pages' | 'pagesFailed' | 'expected' | 'stored'
> & { unitCreatedAt: string }

/** Per source: how its units stand (for source health and status). */
export interface SourceUnits {
  total: number
  pending: number
  done: number
  failed: number
  pagesFailed: number
  expected: number
  stored: number
  lastSuccessAt: string | null
  lastError: string | null
  lastErrorAt: string | null
  nextRetryAt: string | null
}

/** How long after its n-th failed run in a row a unit is tried again: 15 min, doubling, at most a day. */
export function retryDelayMs(attempts: number): number {
  return Math.min(15 * 60_000 * 2 ** Math.max(0, attempts - 1), 24 * 3_600_000)
}

const COLUMNS = `source, kind, unit, label, toString(unit_created_at) AS unit_created_at, status, pages,
  pages_failed, expected, stored, error, toString(error_at) AS error_at, attempts,
  toString(next_run_at) AS next_run_at, toString(last_success_at) AS last_success_at,
  toString(updated_at) AS updated_at`

const date = (s: string | null) => (s ? fromDateTime(s) : null)
const iso = (d: Date | null) => (d ? d.toISOString() : null)

function fromRow(r: CrawlStateRow): UnitState {
  return {
    source: r.source,
    kind: r.kind,
    unit: r.unit,
    label: r.label,
    unitCreatedAt: fromDateTime(r.unit_created_at),
    status: r.status,
    pages: Number(r.pages),
    pagesFailed: Number(r.pages_failed),
    expected: Number(r.expected),
    stored: Number(r.stored),
    error: r.error,
    errorAt: date(r.error_at),
    attempts: Number(r.attempts),
    nextRunAt: date(r.next_run_at),
    lastSuccessAt: date(r.last_success_at),
  }
}

export const crawlState = {
  write(writer: TableWriter, s: UnitState): Promise<void> {
    const ts = (d: Date | null) => (d ? toDateTime64(d) : null)
    return writer.insert('crawl_state', [
      {
        source: s.source,
        kind: s.kind,
        unit: s.unit,
        label: s.label,
        unit_created_at: toDateTime(s.unitCreatedAt),
        status: s.status,
        pages: s.pages,
        pages_failed: s.pagesFailed,
        expected: s.expected,
        stored: s.stored,
        error: s.error.slice(0, 2000),
        error_at: ts(s.errorAt),
        attempts: s.attempts,
        next_run_at: ts(s.nextRunAt),
        last_success_at: ts(s.lastSuccessAt),
        updated_at: toDateTime64(Date.now()),
      },
    ])
  },

  async get(ch: ClickHouseClient, source: string, unit: string): Promise<UnitState | null> {
    const rows = await queryRows<CrawlStateRow>(
      ch,
      `SELECT ${COLUMNS} FROM crawl_state FINAL WHERE source = {s:String} AND unit = {u:String}`,
      { s: source, u: unit },
    )
    return rows[0] ? fromRow(rows[0]) : null
  },

  async ofSource(ch: ClickHouseClient, source: string): Promise<UnitState[]> {
    const rows = await queryRows<CrawlStateRow>(
      ch,
      `SELECT ${COLUMNS} FROM crawl_state FINAL WHERE source = {s:String} ORDER BY unit_created_at, unit`,
      { s: source },
    )
    return rows.map(fromRow)
  },

  /**
   * Units due at `now`: their next run time has come. `unfinished` also returns every unit not
   * done whatever its time (a restarted scheduler resumes what a crash left half-read).
   */
  async due(ch: ClickHouseClient, now: Date, opts: { unfinished?: boolean } = {}): Promise<UnitState[]> {
    const rows = await queryRows<CrawlStateRow>(
      ch,
      // Filtered in a subquery: the outer SELECT renames the DateTime columns to their text form.
      `SELECT ${COLUMNS} FROM (
         SELECT * FROM crawl_state FINAL
         WHERE (next_run_at IS NOT NULL AND next_run_at <= {now:DateTime64(3, 'UTC')})
            OR ({unfinished:UInt8} = 1 AND status = 'pending'))
       ORDER BY unit_created_at, source, unit`,
      { now: toDateTime64(now), unfinished: opts.unfinished ? 1 : 0 },
    )
    return rows.map(fromRow)
  },

  /** The most recently failed units: why, how often in a row, and when they are tried again. */
  async failed(ch: ClickHouseClient, limit = 20): Promise<UnitState[]> {
    const rows = await queryRows<CrawlStateRow>(
      ch,
      `SELECT ${COLUMNS} FROM (SELECT * FROM crawl_state FINAL WHERE status = 'failed')
       ORDER BY updated_at DESC LIMIT {limit:UInt32}`,
      { limit },
    )
    return rows.map(fromRow)
  },

  /** Units done / failed / in all, and when work on them started and last changed. */
  async progress(ch: ClickHouseClient): Promise<{
    total: number
    done: number
    failed: number
    startedAt: string | null
    updatedAt: string | null
  }> {
    const rows = await queryRows<{
      total: string
      done: string
      failed: string
      started: string | null
      updated: string | null
    }>(
      ch,
      `SELECT count() AS total, countIf(status = 'done') AS done, countIf(status = 'failed') AS failed,
              if(count() = 0, NULL, toString(min(updated_at))) AS started,
              if(count() = 0, NULL, toString(max(updated_at))) AS updated
       FROM crawl_state FINAL`,
    )
    const r = rows[0]
    return {
      total: Number(r?.total ?? 0),
      done: Number(r?.done ?? 0),
      failed: Number(r?.failed ?? 0),
      startedAt: iso(date(r?.started ?? null)),
      updatedAt: iso(date(r?.updated ?? null)),
    }
  },

  /** How each source's units stand, by source key. */
  async bySource(ch: ClickHouseClient): Promise<Map<string, SourceUnits>> {
    const rows = await queryRows<Record<string, string | null>>(
      ch,
      `SELECT source, count() AS total, countIf(status = 'pending') AS pending,
              countIf(status = 'done') AS done, countIf(status = 'failed') AS failed,
              sum(pages_failed) AS n_pages_failed, sum(expected) AS n_expected, sum(stored) AS n_stored,
              toString(max(last_success_at)) AS last_success,
              argMaxIf(error, error_at, error_at IS NOT NULL) AS last_error,
              toString(max(error_at)) AS last_error_at,
              toString(minIf(next_run_at, status = 'failed')) AS next_retry
       FROM crawl_state FINAL GROUP BY source`,
    )
    const at = (v: string | null | undefined) => iso(date(v ?? null))
    return new Map(
      rows.map((r) => [
        r.source!,
        {
          total: Number(r.total),
          pending: Number(r.pending),
          done: Number(r.done),
          failed: Number(r.failed),
          pagesFailed: Number(r.n_pages_failed),
          expected: Number(r.n_expected),
          stored: Number(r.n_stored),
          lastSuccessAt: at(r.last_success),
          lastError: r.last_error || null,
          lastErrorAt: at(r.last_error_at),
          nextRetryAt: at(r.next_retry),
        },
      ]),
    )
  },

  /** Expected vs stored ads per unit, oldest unit first (optionally of one source). */
  async coverage(ch: ClickHouseClient, source?: string): Promise<UnitCoverage[]> {
    const rows = await queryRows<CrawlStateRow>(
      ch,
      `SELECT ${COLUMNS} FROM crawl_state FINAL
       WHERE {s:String} = '' OR source = {s:String} ORDER BY unit_created_at, source, unit`,
      { s: source ?? '' },
    )
    return rows.map((r) => {
      const u = fromRow(r)
      return {
        source: u.source,
        kind: u.kind,
        unit: u.unit,
        label: u.label,
        unitCreatedAt: u.unitCreatedAt.toISOString(),
        status: u.status,
        pages: u.pages,
        pagesFailed: u.pagesFailed,
        expected: u.expected,
        stored: u.stored,
      }
    })
  },
}
