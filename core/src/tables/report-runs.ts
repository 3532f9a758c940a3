// Tables report_runs and report_files: each run of a report (the definition as it was, the period,
// status, files listed, delivery log; the slot it was scheduled for; the share-link nonce) and its
// stored files (the rendered formats and `document`, the numbers as built). Written by the report
// job and the reports API, read by them, the scheduler and the share link.
import type { ClickHouseClient } from '@clickhouse/client'
import { ReportRun } from '../contracts/api/reports.ts'
import { fromDateTime, toDateTime64 } from '../clickhouse/datetime.ts'
import { queryRows } from '../clickhouse/query.ts'
import type { Logger } from '../logger.ts'
import { rowVersion } from './row-version.ts'

export interface ReportRunRow {
  id: string
  report_id: string
  period_label: string
  status: string
  trigger: string
  scheduled_for: string | null
  run: string
  share_nonce: string
  created_at: string
  version: string
}

export interface ReportFileRow {
  run_id: string
  format: string
  content: string
  created_at: string
}

/** A run as stored: the contract's run plus what only the server sees. */
export interface StoredRun {
  run: ReportRun
  /** The schedule slot this run is for; null for a run on demand. */
  scheduledFor: Date | null
  /** Share-link nonce; '' when not shared. */
  shareNonce: string
}

/** `document` is the report's numbers as built (JSON); the others are the rendered formats. */
export type StoredFileKind = ReportRun['files'][number]['format'] | 'document'

type ReadRow = Pick<ReportRunRow, 'id' | 'run' | 'share_nonce' | 'scheduled_for'>
const COLUMNS = 'id, run, share_nonce, toString(scheduled_for) AS scheduled_for'

function parse(row: ReadRow, log?: Logger): StoredRun | null {
  try {
    const run = ReportRun.parse({ ...JSON.parse(row.run), shared: row.share_nonce !== '' })
    return {
      run,
      shareNonce: row.share_nonce,
      scheduledFor: row.scheduled_for ? fromDateTime(row.scheduled_for) : null,
    }
  } catch (err) {
    log?.warn({ runId: row.id, err: (err as Error).message }, 'stored report run does not parse; skipped')
    return null
  }
}

export const reportRuns = {
  /** Insert or replace a run (stored at once). */
  async put(ch: ClickHouseClient, s: StoredRun): Promise<void> {
    const run = ReportRun.parse({ ...s.run, shared: s.shareNonce !== '' })
    const row: ReportRunRow = {
      id: run.id,
      report_id: run.reportId,
      period_label: run.period.label,
      status: run.status,
      trigger: run.trigger,
      scheduled_for: s.scheduledFor ? toDateTime64(s.scheduledFor) : null,
      run: JSON.stringify(run),
      share_nonce: s.shareNonce,
      created_at: toDateTime64(new Date(run.createdAt)),
      version: rowVersion(),
    }
    await ch.insert({ table: 'report_runs', values: [row], format: 'JSONEachRow' })
  },

  async get(ch: ClickHouseClient, id: string, log?: Logger): Promise<StoredRun | null> {
    const rows = await queryRows<ReadRow>(
      ch,
      `SELECT ${COLUMNS} FROM report_runs FINAL WHERE id = {id:String} LIMIT 1`,
      { id },
    )
    return rows[0] ? parse(rows[0], log) : null
  },

  /** Runs queued or being generated (oldest first): after a crash their jobs may be gone. */
  async unfinished(ch: ClickHouseClient, limit = 500, log?: Logger): Promise<StoredRun[]> {
    const rows = await queryRows<ReadRow>(
      ch,
      `SELECT ${COLUMNS} FROM report_runs FINAL WHERE status IN ('queued', 'generating')
       ORDER BY created_at, id LIMIT {limit:UInt32}`,
      { limit },
    )
    return rows.map((r) => parse(r, log)).filter((r): r is StoredRun => r !== null)
  },

  /** A report's runs, newest first. */
  async list(ch: ClickHouseClient, reportId: string, limit = 50, log?: Logger): Promise<StoredRun[]> {
    const rows = await queryRows<ReadRow>(
      ch,
      `SELECT ${COLUMNS} FROM report_runs FINAL WHERE report_id = {reportId:String}
       ORDER BY created_at DESC, id DESC LIMIT {limit:UInt32}`,
      { reportId, limit },
    )
    return rows.map((r) => parse(r, log)).filter((r): r is StoredRun => r !== null)
  },

  /** Per report, the latest schedule slot a run was created for (the scheduler's memory). */
  async lastScheduledSlots(ch: ClickHouseClient): Promise<Map<string, Date>> {
    const rows = await queryRows<{ report_id: string; slot: string }>(
      ch,
      `SELECT report_id, toString(max(scheduled_for)) AS slot FROM report_runs FINAL
       WHERE scheduled_for IS NOT NULL GROUP BY report_id`,
    )
    return new Map(rows.map((r) => [r.report_id, fromDateTime(r.slot)]))
  },

  async putFile(ch: ClickHouseClient, runId: string, format: StoredFileKind, content: Buffer): Promise<void> {
    const row: ReportFileRow = {
      run_id: runId,
      format,
      content: content.toString('base64'),
      created_at: toDateTime64(Date.now()),
    }
    await ch.insert({ table: 'report_files', values: [row], format: 'JSONEachRow' })
  },

  async getFile(ch: ClickHouseClient, runId: string, format: StoredFileKind): Promise<Buffer | null> {
    const rows = await queryRows<{ content: string }>(
      ch,
      'SELECT content FROM report_files FINAL WHERE run_id = {runId:String} AND format = {format:String} LIMIT 1',
      { runId, format },
    )
    return rows[0] ? Buffer.from(rows[0].content, 'base64') : null
  },
}
