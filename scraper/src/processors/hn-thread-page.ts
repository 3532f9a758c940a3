// One page of one "Who is hiring?" thread read from its HTML: fetch, parse, store new or changed
// ads, then queue the next page or mark the thread done.
import { enqueueHnThreadPage } from '@stackradar/core/queue'
import type { ScrapeDeps } from '../deps.ts'
import { hnItemUrl, looksLikeHnItemPage, parseThreadPage } from '../sources/hn/index.ts'
import { scrapeHnThreadViaAlgolia } from './hn-thread-algolia.ts'
import {
  fetchForThread,
  markThreadDone,
  markThreadFailed,
  storeThreadAds,
  type ThreadJob,
} from './hn-store.ts'

export async function scrapeHnThreadPage(
  deps: ScrapeDeps,
  job: ThreadJob,
): Promise<{ ads: number; changed: number }> {
  if (deps.cfg.HN_THREAD_READER === 'algolia') return scrapeHnThreadViaAlgolia(deps, job)
  const url = hnItemUrl(deps.cfg.HN_WEB_URL, job.threadId, job.page)
  const html = await fetchForThread(deps, job, async () => (await deps.sourceHttp.text(url)).body)
  if (!looksLikeHnItemPage(html)) {
    // An error or rate-limit page served with 200: record it and let the queue retry later;
    // nothing stored is touched.
    const error = `unexpected markup at ${url}: not a Hacker News item page (${html.length} bytes)`
    await markThreadFailed(deps, job, error)
    throw new Error(error)
  }
  const page = parseThreadPage(html, {
    threadId: job.threadId,
    threadCreatedAt: new Date(job.threadCreatedAt),
    pageUrl: url,
  })
  for (const w of page.warnings) deps.log.warn({ url, warning: w }, 'unexpected markup')
  const changed = await storeThreadAds(deps, job, page.ads)
  deps.log.info(
    {
      url,
      month: job.month,
      page: job.page,
      ads: page.ads.length,
      changed: changed.length,
      skipped: page.stats.skipped,
    },
    'hn thread page stored',
  )
  if (page.nextPageUrl && page.ads.length > 0) {
    const thread = { threadId: job.threadId, month: job.month, createdAt: new Date(job.threadCreatedAt) }
    await enqueueHnThreadPage(deps.queue, thread, job.page + 1)
  } else {
    await markThreadDone(deps, job, job.page)
  }
  return { ads: page.ads.length, changed: changed.length }
}
