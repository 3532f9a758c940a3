// The scheduler role: one loop that asks what is due and queues it. Every minute it queues the
// first page of every crawl unit whose next run time has come (a failed unit whose backoff is
// over, a board to re-read) and discovery for each source whose interval has passed (HN:
// SCHEDULE_INTERVAL_MINUTES; a board: its everyMinutes), which also re-reads finished units that
// are still revisited (young threads), and, whenever the extract queue is idle, the sweep of raw
// ads without an extraction at the current extractor version (a crash loses nothing; a version
// bump re-extracts history; once nothing is left, the rollups drop superseded versions and repair stale
// months). The first round also resumes every unit a crash left unfinished. It
// logs backfill progress.
import { crawlTargets, type CrawlTarget } from '@stackradar/core/crawl-targets'
import { startUnitRun } from '@stackradar/core/crawl-runs'
import { formatDuration, readStatus } from '@stackradar/core/analytics'
import { EXTRACTOR_VERSION } from '@stackradar/core/extract'
import { enqueueDiscover } from '@stackradar/core/queue'
import { crawlState, rawAds, rollups, tallies } from '@stackradar/core/tables'
import type { WorkerDeps } from '../deps.ts'
import { requeueUnfinishedRuns } from '@stackradar/core/report-runs'
import { queueDueReports } from './reports.ts'

const TICK_MS = 60_000

export class Scheduler {
  private timer: NodeJS.Timeout | undefined
  private progressTimer: NodeJS.Timeout | undefined
  private stopped = false
  /** Aborted by stop(): a tally build stops before its next statement. */
  private readonly stopping = new AbortController()
  private lastProgress = ''
  private ticks = 0
  private runsResumed = false
  /** Rounds under way (a slow one may overlap the next minute's). */
  private readonly rounds = new Set<Promise<void>>()
  /** When discovery was last queued, per source (this process; a restart discovers at once). */
  private readonly discoveredAt = new Map<string, number>()
  private readonly targets: CrawlTarget[]

  constructor(
    private readonly deps: WorkerDeps,
    private readonly progressEveryMs = 5000,
  ) {
    this.targets = crawlTargets(deps.cfg, deps.sources).filter((t) => t.enabled)
  }

  async start(): Promise<void> {
    await this.tick()
    this.timer = setInterval(() => void this.minute(), TICK_MS)
    this.progressTimer = setInterval(() => void this.logProgress(), this.progressEveryMs)
    this.progressTimer.unref()
  }

  /** A full round: due units, discovery of every source, the re-extraction sweep. */
  tick(now = new Date()): Promise<void> {
    this.discoveredAt.clear()
    return this.minute(now)
  }

  /** What is due now: units, discovery of sources whose interval passed, the sweep when its time came. */
  minute(now = new Date()): Promise<void> {
    if (this.stopped) return Promise.resolve()
    const round = this.round(now)
    this.rounds.add(round)
    void round.finally(() => this.rounds.delete(round))
    return round
  }

  private async round(now: Date): Promise<void> {
    const first = this.ticks++ === 0
    try {
      const units = await this.queueDueUnits(now, first)
      const discovered = await this.queueDiscovery(now)
      // The sweep runs each minute the extract queue is idle (queueUnextracted checks), not only
      // every SCHEDULE_INTERVAL_MINUTES: a scrape worker killed between storing a page's raw ads
      // and queueing their extraction leaves ads a retried page sees as unchanged; they must not
      // wait an hour to be counted (chaos: kill -9 of a scrape worker early in a backfill).
      const reextract = await this.queueUnextracted()
      const reports = await this.queueReports(now)
      if (units + discovered.length + reextract + reports.length > 0)
        this.deps.log.info(
          { resumedThreads: units, discover: discovered, adsToExtract: reextract, reports },
          'schedule tick',
        )
    } catch (err) {
      this.deps.log.error({ err }, 'schedule tick failed; next tick retries')
    }
  }

  /** Agency report runs whose schedule slot has come (one catch-up run after downtime). */
  async queueReports(now: Date): Promise<string[]> {
    try {
      if (!this.runsResumed) {
        // First tick after a start: runs a crash left queued or half-generated get their job back.
        const resumed = await requeueUnfinishedRuns(this.deps)
        this.runsResumed = true
        if (resumed.length) this.deps.log.info({ runs: resumed }, 'unfinished report runs queued again')
      }
      return await queueDueReports(this.deps, now)
    } catch (err) {
      // A report problem must not hold up scraping: logged, tried again next minute.
      this.deps.log.error({ err }, 'queueing due reports failed; next tick retries')
      return []
    }
  }

  /** Discovery of every source whose interval has passed since it was last queued here. */
  async queueDiscovery(now: Date): Promise<string[]> {
    const due = this.targets.filter((t) => {
      const last = this.discoveredAt.get(t.id)
      return last === undefined || now.getTime() - last >= t.everyMinutes * 60_000
    })
    for (const t of due) {
      await enqueueDiscover(this.deps.queue, t.id)
      this.discoveredAt.set(t.id, now.getTime())
    }
    return due.map((t) => t.id)
  }

  /** Units whose next run has come (and, on the first tick, every unfinished one) of enabled sources. */
  async queueDueUnits(now: Date, unfinished = false, failedOnly = false): Promise<number> {
    if (this.stopped) return 0
    const enabled = new Set(this.targets.map((t) => t.id))
    const due = (await crawlState.due(this.deps.ch, now, { unfinished })).filter(
      (u) => enabled.has(u.source) && (!failedOnly || u.status === 'failed'),
    )
    for (const u of due) await startUnitRun(this.deps, u, now)
    return due.length
  }

  /** Failed (or with `failedOnly` false, all due) units whose backoff has passed at `now`. */
  resumeUnfinishedTasks(opts: { failedOnly?: boolean; now?: number } = {}): Promise<number> {
    return this.queueDueUnits(new Date(opts.now ?? Date.now()), false, opts.failedOnly ?? false)
  }

  /** Raw ads without an extraction at the current version, queued in batches (only when idle). */
  async queueUnextracted(): Promise<number> {
    const c = await this.deps.queue.counts('extract')
    if (c.waiting + c.active + c.delayed > 0) return 0
    const ids = await rawAds.unextracted(this.deps.ch, EXTRACTOR_VERSION)
    if (ids.length === 0) await this.maintainRollups()
    const batch = this.deps.cfg.EXTRACT_BATCH
    for (let i = 0; i < ids.length; i += batch) {
      await this.deps.queue.enqueue('extract', { adIds: ids.slice(i, i + batch) })
    }
    return ids.length
  }

  /**
   * Every ad extracted: drop superseded extractor versions from the rollups, repair stale months,
   * then bring the tallies up to the writes since their build.
   */
  private async maintainRollups(): Promise<void> {
    try {
      const done = await rollups.maintain(this.deps.ch)
      if (done.dropped.length || done.repaired.length) this.deps.log.info(done, 'rollups maintained')
      const t0 = Date.now()
      const tally = await tallies.refresh(this.deps.ch, { signal: this.stopping.signal })
      if (tally.done === 'full' || tally.done === 'months')
        this.deps.log.info({ ...tally, ms: Date.now() - t0 }, 'tallies refreshed')
    } catch (err) {
      // A statement still running when the stop deadline closed the connections.
      if (this.stopped)
        this.deps.log.info(
          { err: (err as Error).message },
          'rollup upkeep cut off by the shutdown; redone after the next start',
        )
      else
        this.deps.log.error(
          { err },
          'rollup upkeep failed; the next idle tick retries (charts read raw rows)',
        )
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
      const eta = s.backfill.etaSeconds
      const left = eta === null || eta === 0 ? '' : `, ${formatDuration(eta)} left`
      this.deps.log.info(
        { ...s.backfill.threads, ads: s.ads, queues: s.queues, pct, etaSeconds: eta },
        `backfill ${pct}%: ${line}${left}`,
      )
    } catch (err) {
      this.deps.log.debug({ err }, 'progress read failed')
    }
  }

  /**
   * Stops scheduling, tells a tally build under way to stop before its next statement, and waits
   * (at most `deadlineMs`) for the round, so connections are not closed under it. A round cut off
   * leaves nothing wrong: the tallies' mark is written last, so they are not read until a later
   * refresh completes.
   */
  async stop(deadlineMs = 10_000): Promise<void> {
    this.stopped = true
    this.stopping.abort()
    clearInterval(this.timer)
    clearInterval(this.progressTimer)
    let timer: NodeJS.Timeout | undefined
    await Promise.race([
      Promise.allSettled([...this.rounds]),
      new Promise((r) => (timer = setTimeout(r, deadlineMs))),
    ])
    clearTimeout(timer)
  }
}
