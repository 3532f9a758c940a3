// Crawl task state (a Hacker News thread, later a board): read and written by the scrapers and
// the scheduler, read by the status endpoint.
import type { ClickHouseClient } from '@clickhouse/client'
import type { BatchWriter } from './batch-writer.ts'
import { toDateTime, toDateTime64 } from './datetime.ts'
import type { CrawlStatus, CrawlTaskRow } from './rows.ts'

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
  const rs = await ch.query({
    query: `SELECT task_id, source, ref, label, status, pages, items, error, toString(ref_created_at) AS ref_created_at
            FROM crawl_tasks FINAL WHERE source = {source:String} ORDER BY ref_created_at`,
    query_params: { source },
    format: 'JSONEachRow',
  })
  return (await rs.json<CrawlTaskRow>()).map((r) => ({
    taskId: r.task_id,
    source: r.source,
    ref: r.ref,
    label: r.label,
    status: r.status,
    pages: Number(r.pages),
    items: Number(r.items),
    error: r.error,
    refCreatedAt: new Date(`${r.ref_created_at.replace(' ', 'T')}Z`),
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
