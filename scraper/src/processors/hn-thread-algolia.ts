// A whole "Who is hiring?" thread read through the HN Algolia items API (one request, absolute
// comment times): the default way to read a thread (HN_THREAD_READER=algolia).
import type { ScrapeDeps } from '../deps.ts'
import { parseAlgoliaItem } from '../sources/hn/index.ts'
import { trimSlash } from '../sources/hn/hn-urls.ts'
import { fetchForThread, markThreadDone, storeThreadAds, type ThreadJob } from './hn-store.ts'

export async function scrapeHnThreadViaAlgolia(
  deps: ScrapeDeps,
  job: ThreadJob,
): Promise<{ ads: number; changed: number }> {
  const url = `${trimSlash(deps.cfg.HN_ALGOLIA_URL)}/api/v1/items/${encodeURIComponent(job.threadId)}`
  const body = await fetchForThread(deps, job, async () => (await deps.sourceHttp.json(url)).data)
  const thread = parseAlgoliaItem(body)
  const changed = await storeThreadAds(deps, job, thread.ads)
  deps.log.info(
    { url, month: job.month, ads: thread.ads.length, changed: changed.length, skipped: thread.stats.skipped },
    'hn thread stored (algolia)',
  )
  await markThreadDone(deps, job, 1)
  return { ads: thread.ads.length, changed: changed.length }
}
