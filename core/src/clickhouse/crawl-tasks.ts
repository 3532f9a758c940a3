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
  /** Failed runs since the unit last succeeded; spaces out its retries. */
  failures: number
  refCreatedAt: Date
  updatedAt?: Date
}

/** How long after its n-th failure in a row a unit is tried again: 15 min, doubling, at most a day. */
export function retryDelayMs(failures: number): number {
  return Math.min(15 * 60_000 * 2 ** Math.max(0, failures - 1), 24 * 3_600_000)
}

/** When a unit may run again: pending units now, failed ones after their backoff, done never. */
export function nextRunAt(t: CrawlTask): Date | null {
  if (t.status === 'done') return null
  if (t.status === 'pending') return new Date(0)
  return new Date((t.updatedAt?.getTime() ?? 0) + retryDelayMs(t.failures))
}

export async function readCrawlTasks(ch: ClickHouseClient, source: string): Promise<CrawlTask[]> {
  const found = await queryRows<CrawlTaskRow>(
    ch,
    `SELECT task_id, source, ref, label, status, pages, items, error, failures,
            toString(ref_created_at) AS ref_created_at, toString(updated_at) AS updated_at
            FROM crawl_tasks FINAL WHERE source = {source:String} ORDER BY ref_created_at`,
    { source },
  )
  return found.map(fromRow)
}

export async function readCrawlTask(ch: ClickHouseClient, taskId: string): Promise<CrawlTask | undefined> {
  const found = await queryRows<CrawlTaskRow>(
    ch,
    `SELECT task_id, source, ref, label, status, pages, items, error, failures,
            toString(ref_created_at) AS ref_created_at, toString(updated_at) AS updated_at
            FROM crawl_tasks FINAL WHERE task_id = {id:String}`,
    { id: taskId },
  )
  return found[0] && fromRow(found[0])
}

function fromRow(r: CrawlTaskRow): CrawlTask {
  return {
    taskId: r.task_id,
    source: r.source,
    ref: r.ref,
    label: r.label,
    status: r.status,
    pages: Number(r.pages),
    items: Number(r.items),
    error: r.error,
    failures: Number(r.failures),
    refCreatedAt: fromDateTime(r.ref_created_at),
    updatedAt: fromDateTime(r.updated_at),
  }
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
    failures: t.failures,
    ref_created_at: toDateTime(t.refCreatedAt),
    updated_at: toDateTime64(Date.now()),
  }
  return writer.insert('crawl_tasks', [row as unknown as Record<string, unknown>])
}
