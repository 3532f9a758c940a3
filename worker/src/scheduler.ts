// The scheduler: at start and then every SCHEDULE_INTERVAL_MINUTES it queues discovery of new
// threads, re-queues crawl tasks that never finished (a restart resumes) and raw ads that have
// no extraction at the current extractor version (a crash loses nothing; a version bump
// re-extracts history). It also logs backfill progress while work is running.
import { nextRunAt, readCrawlTasks, readSourceHealth, queryRows } from '@stackradar/core/clickhouse'
import { readStatus } from '@stackradar/core/analytics'
import { EXTRACTOR_VERSION } from '@stackradar/core/extract'
import { enqueueHnThreadPage } from '@stackradar/core/queue'
import type { WorkerDeps } from './deps.ts'

export class Scheduler {
  private timer: NodeJS.Timeout | undefined
  private progressTimer: NodeJS.Timeout | undefined
  private stopped = false
  private lastProgress = ''

  constructor(
    private readonly deps: WorkerDeps,
    private readonly progressEveryMs = 5000,
  ) {}

  private boardTimer: NodeJS.Timeout | undefined

  async start(): Promise<void> {
    await this.tick()
    await this.queueDueBoards()
    this.timer = setInterval(() => void this.tick(), this.deps.cfg.SCHEDULE_INTERVAL_MINUTES * 60_000)
    // Boards have their own rhythm (everyMinutes per source), and failed threads their backoff;
    // check once a minute what is due.
    this.boardTimer = setInterval(() => {
      void this.queueDueBoards()
      void this.resumeUnfinishedTasks({ failedOnly: true }).catch((err) =>
        this.deps.log.error({ err }, 'resuming failed threads failed; retried next minute'),
      )
    }, 60_000)
    this.progressTimer = setInterval(() => void this.logProgress(), this.progressEveryMs)
    this.progressTimer.unref()
  }

  async tick(): Promise<void> {
    if (this.stopped) return
    try {
      const resumed = await this.resumeUnfinishedTasks()
      const reextract = await this.queueUnextracted()
      await this.deps.queue.enqueue('scrape', { kind: 'hn-discover' }, { jobId: 'hn-discover' })
      this.deps.log.info({ resumedThreads: resumed, adsToExtract: reextract }, 'schedule tick')
    } catch (err) {
      this.deps.log.error({ err }, 'schedule tick failed; next tick retries')
    }
  }

  /**
   * Threads recorded as pending get page 1 queued again (at each tick: a pending thread may still
   * be in flight); failed ones once their backoff has passed (15 minutes after the first failure,
   * doubling up to a day), checked every minute.
   */
  async resumeUnfinishedTasks(opts: { failedOnly?: boolean; now?: number } = {}): Promise<number> {
    if (this.stopped) return 0
    const now = opts.now ?? Date.now()
    const tasks = (await readCrawlTasks(this.deps.ch, 'hn')).filter((t) => {
      const at = nextRunAt(t)
      return at !== null && at.getTime() <= now && (!opts.failedOnly || t.status === 'failed')
    })
    for (const t of tasks) {
      await enqueueHnThreadPage(
        this.deps.queue,
        { threadId: t.ref, month: t.label, createdAt: t.refCreatedAt },
        1,
      )
    }
    return tasks.length
  }

  /** Raw ads without an extraction at the current version, queued in batches (only when idle). */
  async queueUnextracted(): Promise<number> {
    const c = await this.deps.queue.counts('extract')
    if (c.waiting + c.active + c.delayed > 0) return 0
    const found = await queryRows<{ ad_id: string }>(
      this.deps.ch,
      `SELECT DISTINCT ad_id FROM raw_ads
              WHERE ad_id NOT IN (SELECT ad_id FROM ads FINAL WHERE extractor_version = {v:UInt32})
              ORDER BY ad_id`,
      { v: EXTRACTOR_VERSION },
    )
    const ids = found.map((r) => r.ad_id)
    const batch = this.deps.cfg.EXTRACT_BATCH
    for (let i = 0; i < ids.length; i += batch) {
      await this.deps.queue.enqueue('extract', { adIds: ids.slice(i, i + batch) })
    }
    return ids.length
  }

  /** Queue every enabled board whose last successful read is older than its everyMinutes. */
  async queueDueBoards(now = Date.now()): Promise<string[]> {
    const boards = this.deps.sources.sources.filter((s) => s.enabled)
    if (this.stopped || boards.length === 0) return []
    try {
      const health = await readSourceHealth(this.deps.ch)
      const due = boards.filter((b) => {
        const h = health.get(b.id)
        const last = Math.max(Date.parse(h?.lastSuccessAt ?? '') || 0, Date.parse(h?.lastErrorAt ?? '') || 0)
        return now - last >= b.everyMinutes * 60_000
      })
      for (const b of due)
        await this.deps.queue.enqueue(
          'scrape',
          { kind: 'board', sourceKey: b.id },
          { jobId: `board-${b.id}` },
        )
      if (due.length) this.deps.log.info({ boards: due.map((b) => b.id) }, 'boards queued')
      return due.map((b) => b.id)
    } catch (err) {
      this.deps.log.error({ err }, 'queueing boards failed; retried next minute')
      return []
    }
  }

  private async logProgress(): Promise<void> {
    try {
      const s = await readStatus(this.deps.ch, this.deps.queue, EXTRACTOR_VERSION)
      const line = `${s.backfill.threads.done}/${s.backfill.threads.total} threads, ${s.ads.raw} ads stored, ${s.ads.extracted} extracted`
      if (line === this.lastProgress) return
      this.lastProgress = line
      const { threads } = s.backfill
      const pct = threads.total ? Math.round((100 * (threads.done + threads.failed)) / threads.total) : 0
      this.deps.log.info(
        { ...s.backfill.threads, ads: s.ads, queues: s.queues, pct },
        `backfill ${pct}%: ${line}`,
      )
    } catch (err) {
      this.deps.log.debug({ err }, 'progress read failed')
    }
  }

  stop(): void {
    this.stopped = true
    clearInterval(this.timer)
    clearInterval(this.progressTimer)
    clearInterval(this.boardTimer)
  }
}
