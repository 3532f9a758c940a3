// Table crawl_tasks: crawl units (a Hacker News thread) and their state; drives backfill progress
// and lets a restart resume what was not finished. Written by the scrapers, read by the
// scheduler, the sources endpoint and status.
import type { ClickHouseClient } from '@clickhouse/client'
import type { TableWriter } from '../clickhouse/batch-writer.ts'
import { fromDateTime, isoFromDateTime, toDateTime, toDateTime64 } from '../clickhouse/datetime.ts'
import { queryRows } from '../clickhouse/query.ts'

export type CrawlStatus = 'pending' | 'done' | 'failed'

export interface CrawlTaskRow {
  task_id: string
  source: string
  ref: string
  label: string
  status: CrawlStatus
  pages: number
  items: number
  error: string
  ref_created_at: string
  updated_at: string
}

export interface CrawlTask {
  taskId: string
  source: string
  ref: string
  label: string
  status: CrawlStatus
  pages: number
  items: number
  error: string
  refCreatedAt: Date
}

export const crawlTasks = {
  async ofSource(ch: ClickHouseClient, source: string): Promise<CrawlTask[]> {
    const found = await queryRows<CrawlTaskRow>(
      ch,
      `SELECT task_id, source, ref, label, status, pages, items, error, toString(ref_created_at) AS ref_created_at
       FROM crawl_tasks FINAL WHERE source = {source:String} ORDER BY ref_created_at`,
      { source },
    )
    return found.map((r) => ({
      taskId: r.task_id,
      source: r.source,
      ref: r.ref,
      label: r.label,
      status: r.status,
      pages: Number(r.pages),
      items: Number(r.items),
      error: r.error,
      refCreatedAt: fromDateTime(r.ref_created_at),
    }))
  },

  write(writer: TableWriter, t: CrawlTask): Promise<void> {
    return writer.insert('crawl_tasks', [
      {
        task_id: t.taskId,
        source: t.source,
        ref: t.ref,
        label: t.label,
        status: t.status,
        pages: t.pages,
        items: t.items,
        error: t.error.slice(0, 2000),
        ref_created_at: toDateTime(t.refCreatedAt),
        updated_at: toDateTime64(Date.now()),
      },
    ])
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
       FROM crawl_tasks FINAL`,
    )
    const r = rows[0]
    return {
      total: Number(r?.total ?? 0),
      done: Number(r?.done ?? 0),
      failed: Number(r?.failed ?? 0),
      startedAt: isoFromDateTime(r?.started),
      updatedAt: isoFromDateTime(r?.updated),
    }
  },

  /** Summary of one source's units for its health row. */
  async health(
    ch: ClickHouseClient,
    source: string,
  ): Promise<{
    done: number
    failed: number
    lastSuccessAt: string | null
    lastError: string | null
    lastErrorAt: string | null
  }> {
    const found = await queryRows<{
      done: string
      failed: string
      last_success: string
      last_error: string
      last_error_at: string
    }>(
      ch,
      `SELECT countIf(status = 'done') AS done, countIf(status = 'failed') AS failed,
              toString(maxIf(updated_at, status = 'done')) AS last_success,
              argMaxIf(error, updated_at, status = 'failed') AS last_error,
              toString(maxIf(updated_at, status = 'failed')) AS last_error_at
       FROM crawl_tasks FINAL WHERE source = {s:String}`,
      { s: source },
    )
    const r = found[0]
    // maxIf over no matching rows gives the epoch: no such event yet.
    const iso = (v: string | undefined) => (v && !v.startsWith('1970') ? isoFromDateTime(v) : null)
    return {
      done: Number(r?.done ?? 0),
      failed: Number(r?.failed ?? 0),
      lastSuccessAt: iso(r?.last_success),
      lastError: r?.last_error || null,
      lastErrorAt: iso(r?.last_error_at),
    }
  },
}
