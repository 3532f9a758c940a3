// Finds the monthly "Ask HN: Who is hiring?" threads through the HN Algolia search API and
// queues the threads that need work: never finished, or young enough to gain new comments.
import { readCrawlTasks, writeCrawlTask, type CrawlTask } from '@stackradar/core/clickhouse'
import { enqueueHnThreadPage, PermanentError } from '@stackradar/core/queue'
import type { ScrapeDeps } from '../deps.ts'
import { FetchError } from '../http/index.ts'
import { buildAlgoliaStorySearchUrl, parseAlgoliaStorySearch, type HnThreadRef } from '../sources/hn/index.ts'

const MAX_SEARCH_PAGES = 50

/** First day (UTC) of the first month to cover. */
function backfillStart(cfg: { HN_SINCE?: string | undefined; HN_MONTHS: number }, now = new Date()): Date {
  if (cfg.HN_SINCE) return new Date(`${cfg.HN_SINCE}-01T00:00:00Z`)
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (cfg.HN_MONTHS - 1), 1))
}

export async function discoverHnThreads(deps: ScrapeDeps): Promise<HnThreadRef[]> {
  const { cfg, log } = deps
  const since = backfillStart(cfg)
  const threads = new Map<string, HnThreadRef>()
  for (let page = 0; page < MAX_SEARCH_PAGES; page++) {
    const url = buildAlgoliaStorySearchUrl(cfg.HN_ALGOLIA_URL, {
      sinceUnix: Math.floor(since.getTime() / 1000),
      page,
    })
    let body: unknown
    try {
      body = (await deps.sourceHttp.json(url)).data
    } catch (err) {
      if (err instanceof FetchError && !err.retryable) throw new PermanentError(err.message)
      throw err
    }
    const parsed = parseAlgoliaStorySearch(body)
    for (const t of parsed.threads) if (t.createdAt >= since) threads.set(t.id, t)
    if (page + 1 >= parsed.nbPages) break
  }
  const found = [...threads.values()].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
  log.info({ threads: found.length, since: since.toISOString().slice(0, 7) }, 'hn threads discovered')
  await queueThreads(deps, found)
  return found
}

/** Record new threads as pending tasks and queue page 1 of each one that needs a (re)scan. */
async function queueThreads(deps: ScrapeDeps, found: HnThreadRef[]): Promise<number> {
  const known = new Map((await readCrawlTasks(deps.ch, 'hn')).map((t) => [t.ref, t]))
  const fresh = found.filter((t) => !known.has(t.id))
  await Promise.all(fresh.map((t) => writeCrawlTask(deps.writer, pendingTask(t))))
  const rescanAfter = Date.now() - deps.cfg.HN_RESCAN_DAYS * 86_400_000
  let queued = 0
  for (const t of found) {
    const task = known.get(t.id)
    if (task?.status === 'done' && t.createdAt.getTime() < rescanAfter) continue
    await enqueueHnThreadPage(deps.queue, { threadId: t.id, month: t.month, createdAt: t.createdAt }, 1)
    queued++
  }
  return queued
}

function pendingTask(t: HnThreadRef): CrawlTask {
  return {
    taskId: `hn-thread-${t.id}`,
    source: 'hn',
    ref: t.id,
    label: t.month,
    status: 'pending',
    pages: 0,
    items: 0,
    error: '',
    failures: 0,
    refCreatedAt: t.createdAt,
  }
}
