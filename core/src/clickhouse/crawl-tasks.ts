// Crawl task state (a Hacker News thread, later a board): read and written by the scrapers and
// the scheduler, read by the status endpoint.
import type { ClickHouseClient } from '@clickhouse/client'
import type { BatchWriter } from './batch-writer.ts'
import { fromDateTime, toDateTime, toDateTime64 } from './datetime.ts'
import type { CrawlStatus, CrawlTaskRow } from './rows.ts'
import { queryRows } from './query.ts'

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

export async function readCrawlTasks(ch: ClickHouseClient, source: string): Promise<CrawlTask[]> {
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
}

export function writeCrawlTask(writer: BatchWriter, t: CrawlTask): Promise<void> {
  const row: CrawlTaskRow = {
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
  }
  return writer.insert('crawl_tasks', [row as unknown as Record<string, unknown>])
}
