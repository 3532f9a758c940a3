// One page of one "Who is hiring?" thread: fetch, parse, store new or changed ads as raw ads,
// queue their extraction, then queue the next page or mark the thread done.
import { adId, contentHash } from '@stackradar/core/ids'
import { toDateTime, toDateTime64 } from '@stackradar/core/clickhouse/datetime'
import { writeCrawlTask } from '@stackradar/core/clickhouse/crawl-tasks'
import type { RawAdRow } from '@stackradar/core/clickhouse/rows'
import { PermanentError, safeJobId, type PayloadOf } from '@stackradar/core/queue/index'
import type { ScrapeDeps } from '../deps.ts'
import { FetchError } from '../http/index.ts'
import { hnItemUrl, looksLikeHnItemPage, parseThreadPage, type HnAd } from '../sources/hn/index.ts'

type Payload = Extract<PayloadOf<'scrape'>, { kind: 'hn-thread-page' }>

export async function scrapeHnThreadPage(deps: ScrapeDeps, job: Payload): Promise<{ ads: number; changed: number }> {
  const { log } = deps
  const url = hnItemUrl(deps.cfg.HN_WEB_URL, job.threadId, job.page)
  const threadCreatedAt = new Date(job.threadCreatedAt)
  const task = {
    taskId: `hn-thread-${job.threadId}`,
    source: 'hn',
    ref: job.threadId,
    label: job.month,
    refCreatedAt: threadCreatedAt,
  }

  let html: string
  try {
    html = (await deps.sourceHttp.text(url)).body
  } catch (err) {
    if (err instanceof FetchError && !err.retryable) {
      // A page that is gone: keep every ad stored so far, record why the thread stopped.
      await writeCrawlTask(deps.writer, { ...task, status: 'failed', pages: job.page - 1, items: 0, error: err.message })
      throw new PermanentError(err.message)
    }
    throw err
  }

  if (!looksLikeHnItemPage(html)) {
    // An error or rate-limit page served with 200: record it and let the queue retry later;
    // nothing stored is touched.
    const error = `unexpected markup at ${url}: not a Hacker News item page (${html.length} bytes)`
    await writeCrawlTask(deps.writer, { ...task, status: 'failed', pages: job.page - 1, items: 0, error })
    throw new Error(error)
  }
  const page = parseThreadPage(html, { threadId: job.threadId, threadCreatedAt, pageUrl: url })
  for (const w of page.warnings ?? []) log.warn({ url, warning: w }, 'unexpected markup')
  const changed = await storeNewAds(deps, job, page.ads)
  log.info(
    { url, month: job.month, page: job.page, ads: page.ads.length, changed: changed.length, skipped: page.stats.skipped },
    'hn thread page stored',
  )

  for (let i = 0; i < changed.length; i += deps.cfg.EXTRACT_BATCH) {
    const adIds = changed.slice(i, i + deps.cfg.EXTRACT_BATCH)
    await deps.queue.enqueue('extract', { adIds })
  }

  if (page.nextPageUrl && page.ads.length > 0) {
    await deps.queue.enqueue(
      'scrape',
      { ...job, page: job.page + 1 },
      { jobId: safeJobId('hn-thread', job.threadId, `p${job.page + 1}`) },
    )
  } else {
    const items = await countThreadAds(deps, job.threadId)
    await writeCrawlTask(deps.writer, { ...task, status: 'done', pages: job.page, items, error: '' })
  }
  return { ads: page.ads.length, changed: changed.length }
}

/** Write ads that are new or whose text changed; unchanged ads are neither stored nor re-extracted. */
async function storeNewAds(deps: ScrapeDeps, job: Payload, ads: HnAd[]): Promise<string[]> {
  if (ads.length === 0) return []
  const rows: RawAdRow[] = ads.map((ad) => ({
    ad_id: adId('hn', ad.sourceId),
    source: 'hn',
    source_id: ad.sourceId,
    thread_id: job.threadId,
    url: hnItemUrl(deps.cfg.HN_WEB_URL, ad.sourceId),
    posted_at: toDateTime(ad.postedAt),
    date_source: ad.dateSource,
    payload_format: 'hn-html',
    payload: ad.html,
    content_hash: contentHash(ad.html),
    fetched_at: toDateTime64(Date.now()),
  }))
  const rs = await deps.ch.query({
    query: 'SELECT ad_id, toString(argMax(content_hash, fetched_at)) AS h FROM raw_ads WHERE source = {s:String} AND ad_id IN {ids:Array(String)} GROUP BY ad_id',
    query_params: { s: 'hn', ids: rows.map((r) => r.ad_id) },
    format: 'JSONEachRow',
  })
  const stored = new Map((await rs.json<{ ad_id: string; h: string }>()).map((r) => [r.ad_id, r.h]))
  const fresh = rows.filter((r) => stored.get(r.ad_id) !== r.content_hash)
  await deps.writer.insert('raw_ads', fresh as unknown as Record<string, unknown>[])
  return fresh.map((r) => r.ad_id)
}

async function countThreadAds(deps: ScrapeDeps, threadId: string): Promise<number> {
  const rs = await deps.ch.query({
    query: 'SELECT uniqExact(ad_id) AS n FROM raw_ads WHERE source = {s:String} AND thread_id = {t:String}',
    query_params: { s: 'hn', t: threadId },
    format: 'JSONEachRow',
  })
  return Number((await rs.json<{ n: string }>())[0]?.n ?? 0)
}
