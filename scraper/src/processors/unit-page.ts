// One page of one crawl unit, for every source alike: read it through the source module, store
// new or changed ads and queue their extraction, then queue the next page or finish the unit
// (done: expected vs stored recorded, next visit set). A page that cannot be read marks the unit
// failed with the reason; once the queue's attempts are spent (or the failure is permanent) the
// unit is retried later with backoff by the scheduler. Ads stored so far always stay.
import {
  enqueueUnitPage,
  isPermanent,
  PermanentError,
  RetryLaterError,
  type JobContext,
  type PayloadOf,
} from '@stackradar/core/queue'
import { crawlState, rawAds, retryDelayMs, type UnitState } from '@stackradar/core/tables'
import type { ScrapeDeps } from '../deps.ts'
import { FetchError } from '../http/index.ts'
import { PageRefusedError } from '../page-parse/index.ts'
import { isHostUnavailable, type CrawledAd, type NormalizedAd, type UnitPage } from '../sources/types.ts'
import { recordBoardRead } from './board.ts'
import { updatePresence } from './board-presence.ts'
import { resolveTarget, type ResolvedTarget } from './crawl-target.ts'
import {
  queueExtraction,
  storeHtmlAds,
  storedId,
  storePostings,
  type HtmlAd,
  type StoreTarget,
} from './store-ads.ts'

export type UnitPageJob = Extract<PayloadOf<'scrape'>, { kind: 'unit-page' }>

export async function readUnitPage(
  deps: ScrapeDeps,
  job: UnitPageJob,
  jobCtx: Pick<JobContext, 'attempt' | 'final'> = { attempt: 1, final: false },
): Promise<{ ads: number; changed: number }> {
  const t = resolveTarget(deps, job.source)
  const state = await crawlState.get(deps.ch, job.source, job.unit)
  if (!state) throw new PermanentError(`source ${job.source}: unknown unit '${job.unit}' (not discovered)`)
  const now = new Date()
  try {
    return await readAndStore(deps, t, job, state, now)
  } catch (err) {
    if (isHostUnavailable(err)) {
      // The circuit breaker holds the host as down (or this run spent its time on it): nothing is
      // wrong with the unit. Put the page off until the breaker lets a trial request through,
      // without spending the job's attempts, so a short outage of a source loses no unit.
      const waitMs = Math.max(5_000, deps.cfg.HOST_BREAKER_COOLDOWN_MS / 2) * (0.75 + Math.random() / 2)
      deps.log.warn(
        { source: job.source, unit: job.unit, page: job.page, err: (err as Error).message },
        'host down; page put off',
      )
      if (t.source.listing)
        await recordBoardRead(
          deps,
          { key: state.source, kind: t.source.kind },
          { error: (err as Error).message },
        )
      throw new RetryLaterError((err as Error).message, Math.round(waitMs))
    }
    // Reading or storing failed (a page, or ClickHouse refusing a write). A page over the parse
    // limits would be refused again: no queue retry, only the unit's backoff.
    const permanent =
      isPermanent(err) || (err instanceof FetchError && !err.retryable) || err instanceof PageRefusedError
    const final = permanent || jobCtx.final
    // The queue gives up after this try: the unit must not stay pending for ever. It is marked
    // failed with the reason (status and source health show it) and retried after a backoff.
    const message =
      jobCtx.final && !permanent
        ? `gave up after ${jobCtx.attempt} tries: ${(err as Error).message || String(err)}`
        : (err as Error).message
    await markFailed(deps, t, state, job, message, final, now).catch((markErr: unknown) =>
      // ClickHouse may be what failed: the queue's retry, or the unit's lease, brings it back.
      deps.log.error(
        { source: job.source, unit: job.unit, err: markErr },
        'recording the failed unit failed',
      ),
    )
    deps.log.warn(
      { source: job.source, unit: job.unit, page: job.page, err: message, final },
      'unit page failed',
    )
    throw permanent ? new PermanentError((err as Error).message) : err
  }
}

async function readAndStore(
  deps: ScrapeDeps,
  t: ResolvedTarget,
  job: UnitPageJob,
  state: UnitState,
  now: Date,
): Promise<{ ads: number; changed: number }> {
  const unit = { key: state.unit, label: state.label, createdAt: state.unitCreatedAt }
  const page: UnitPage = await t.source.readPage(t.config, unit, job.page, t.context(now))
  for (const w of page.warnings)
    deps.log.warn({ source: job.source, unit: job.unit, warning: w }, 'page warning')

  const store: StoreTarget = { sourceKey: job.source, kind: t.source.kind, unit: job.unit }
  const { changed, listedIds, board } = await storePage(deps, t, store, page.ads)
  await queueExtraction(deps, changed)
  const listed = (job.listed ?? 0) + page.expected
  deps.log.info(
    {
      source: job.source,
      unit: job.unit,
      label: unit.label,
      page: job.page,
      ads: page.ads.length,
      changed: changed.length,
    },
    'unit page stored',
  )
  if (page.nextPage !== null) {
    await enqueueUnitPage(deps.queue, { source: job.source, unit: job.unit }, page.nextPage, listed)
    return { ads: page.ads.length, changed: changed.length }
  }
  // The unit is read in full: a listing counts the listed ads that are stored, a thread all of its ads.
  const stored = t.source.listing
    ? (await rawAds.contentHashes(deps.ch, store.kind, listedIds)).size
    : await rawAds.countInThread(deps.ch, store.kind, job.unit)
  await crawlState.write(deps.writer, {
    ...state,
    status: 'done',
    pages: job.page,
    pagesFailed: 0,
    expected: listed,
    stored,
    attempts: 0,
    nextRunAt: t.source.revisitAt(t.config, unit, { now, everyMinutes: t.target.everyMinutes }),
    lastSuccessAt: now,
  })
  if (board) await recordBoardRead(deps, { key: job.source, kind: store.kind }, board)
  return { ads: page.ads.length, changed: changed.length }
}

async function storePage(
  deps: ScrapeDeps,
  t: ResolvedTarget,
  store: StoreTarget,
  ads: CrawledAd[],
): Promise<{
  changed: string[]
  listedIds: string[]
  board?: { seen: number; fresh: number; closed: number }
}> {
  const html: HtmlAd[] = []
  const postings: NormalizedAd[] = []
  for (const a of ads) {
    if (a.format === 'html') html.push(a)
    else postings.push(a.ad)
  }
  const listedIds = [...html.map((a) => a.sourceId), ...postings.map((a) => a.sourceId)].map((id) =>
    storedId(store, id),
  )
  let firstSeen = new Map<string, string>()
  let board: { seen: number; fresh: number; closed: number } | undefined
  if (t.source.listing) {
    // A complete listing: what it has is seen, what it lacks is closed.
    const presence = await updatePresence(deps.ch, deps.writer, store.sourceKey, listedIds)
    firstSeen = presence.firstSeen
    board = { seen: listedIds.length, fresh: presence.newIds.size, closed: presence.closed }
  }
  const changed = [
    ...(await storeHtmlAds(deps, store, html)),
    ...(await storePostings(deps, store, postings, firstSeen)),
  ]
  return { changed, listedIds, ...(board && { board }) }
}

/** Record why the unit stopped at this page; `final`: no queue retry is left, so back off. */
async function markFailed(
  deps: ScrapeDeps,
  t: ResolvedTarget,
  state: UnitState,
  job: UnitPageJob,
  error: string,
  final: boolean,
  now: Date,
): Promise<void> {
  const attempts = state.attempts + (final ? 1 : 0)
  await crawlState.write(deps.writer, {
    ...state,
    status: 'failed',
    pages: job.page - 1,
    pagesFailed: 1,
    // What the pages read before this one listed, and what of the unit is stored.
    expected: job.listed ?? 0,
    stored: t.source.listing ? state.stored : await rawAds.countInThread(deps.ch, t.source.kind, job.unit),
    error,
    errorAt: now,
    attempts,
    nextRunAt: new Date(now.getTime() + retryDelayMs(Math.max(1, attempts))),
  })
  if (t.source.listing) await recordBoardRead(deps, { key: state.source, kind: t.source.kind }, { error })
}
