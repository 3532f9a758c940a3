// Storing the ads of one Hacker News thread, whichever way it was read (HTML pages or the Algolia
// items API): new or changed ads become raw ads and are queued for extraction; the thread's task
// is recorded as done or failed.
import { adId, contentHash } from '@stackradar/core/ids'
import {
  toDateTime,
  toDateTime64,
  readCrawlTask,
  writeCrawlTask,
  type CrawlTask,
  storedContentHashes,
  queryRows,
} from '@stackradar/core/clickhouse'
import { encodeStoredAd } from '@stackradar/core/contracts/payloads'
import type { RawAdRow } from '@stackradar/core/clickhouse'
import { PermanentError, type PayloadOf } from '@stackradar/core/queue'
import type { ScrapeDeps } from '../deps.ts'
import { FetchError } from '../http/index.ts'
import { hnItemUrl, type HnAd } from '../sources/hn/index.ts'

export type ThreadJob = Extract<PayloadOf<'scrape'>, { kind: 'hn-thread-page' }>

export function threadTask(
  job: ThreadJob,
): Omit<CrawlTask, 'status' | 'pages' | 'items' | 'error' | 'failures'> {
  return {
    taskId: `hn-thread-${job.threadId}`,
    source: 'hn',
    ref: job.threadId,
    label: job.month,
    refCreatedAt: new Date(job.threadCreatedAt),
  }
}

/** Fetch a thread's page or API body; a request that can never succeed marks the thread failed. */
export async function fetchForThread<T>(
  deps: ScrapeDeps,
  job: ThreadJob,
  load: () => Promise<T>,
): Promise<T> {
  try {
    return await load()
  } catch (err) {
    if (err instanceof FetchError && !err.retryable) {
      // A page that is gone: keep every ad stored so far, record why the thread stopped.
      await markThreadFailed(deps, job, err.message)
      throw new PermanentError(err.message)
    }
    throw err
  }
}

/**
 * Record why a thread stopped; the ads stored so far stay. Its failures in a row are counted so
 * the scheduler retries it later with growing backoff.
 */
export async function markThreadFailed(deps: ScrapeDeps, job: ThreadJob, error: string): Promise<void> {
  const task = threadTask(job)
  const previous = await readCrawlTask(deps.ch, task.taskId)
  await writeCrawlTask(deps.writer, {
    ...task,
    status: 'failed',
    pages: job.page - 1,
    items: 0,
    error,
    failures: (previous?.status === 'failed' ? previous.failures : 0) + 1,
  })
}

/** Store new or changed ads and queue their extraction; returns the ids queued. */
export async function storeThreadAds(deps: ScrapeDeps, job: ThreadJob, ads: HnAd[]): Promise<string[]> {
  const changed = await storeNewAds(deps, job, ads)
  for (let i = 0; i < changed.length; i += deps.cfg.EXTRACT_BATCH) {
    await deps.queue.enqueue('extract', { adIds: changed.slice(i, i + deps.cfg.EXTRACT_BATCH) })
  }
  return changed
}

export async function markThreadDone(deps: ScrapeDeps, job: ThreadJob, pages: number): Promise<void> {
  const items = await countThreadAds(deps, job.threadId)
  await writeCrawlTask(deps.writer, {
    ...threadTask(job),
    status: 'done',
    pages,
    items,
    error: '',
    failures: 0,
  })
}

/** Write ads that are new or whose text changed; unchanged ads are neither stored nor re-extracted. */
async function storeNewAds(deps: ScrapeDeps, job: ThreadJob, ads: HnAd[]): Promise<string[]> {
  if (ads.length === 0) return []
  const rows: RawAdRow[] = ads.map((ad) => ({
    ad_id: adId('hn', ad.sourceId),
    source: 'hn',
    source_id: ad.sourceId,
    thread_id: job.threadId,
    url: hnItemUrl(deps.cfg.HN_WEB_URL, ad.sourceId),
    posted_at: toDateTime(ad.postedAt),
    date_source: ad.dateSource,
    ...encodeStoredAd({ format: 'hn-html', html: ad.html }),
    content_hash: contentHash(ad.html),
    fetched_at: toDateTime64(Date.now()),
  }))
  const stored = await storedContentHashes(
    deps.ch,
    'hn',
    rows.map((r) => r.ad_id),
  )
  const fresh = rows.filter((r) => stored.get(r.ad_id) !== r.content_hash)
  await deps.writer.insert('raw_ads', fresh as unknown as Record<string, unknown>[])
  return fresh.map((r) => r.ad_id)
}

async function countThreadAds(deps: ScrapeDeps, threadId: string): Promise<number> {
  const rows = await queryRows<{ n: string }>(
    deps.ch,
    'SELECT uniqExact(ad_id) AS n FROM raw_ads WHERE source = {s:String} AND thread_id = {t:String}',
    { s: 'hn', t: threadId },
  )
  return Number(rows[0]?.n ?? 0)
}
