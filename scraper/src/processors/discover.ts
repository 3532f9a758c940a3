// Discovery of one source's units (HN: the monthly threads; a board: its listing): new units are
// recorded as pending, and every unit that is due (or all, when asked) gets its first page queued.
import { startUnitRun } from '@stackradar/core/crawl-runs'
import { PermanentError, type PayloadOf } from '@stackradar/core/queue'
import { crawlState, type UnitState } from '@stackradar/core/tables'
import type { ScrapeDeps } from '../deps.ts'
import { FetchError } from '../http/index.ts'
import { resolveTarget } from './crawl-target.ts'

export async function discoverUnits(
  deps: ScrapeDeps,
  job: Extract<PayloadOf<'scrape'>, { kind: 'discover' }>,
): Promise<number> {
  const t = resolveTarget(deps, job.source)
  const now = new Date()
  let units
  try {
    units = await t.source.discover(t.config, t.context(now))
  } catch (err) {
    deps.log.warn({ source: job.source, err: (err as Error).message }, 'discovery failed')
    if (err instanceof FetchError && !err.retryable) throw new PermanentError(err.message)
    throw err
  }
  const known = new Map((await crawlState.ofSource(deps.ch, job.source)).map((u) => [u.unit, u]))
  const fresh: UnitState[] = units
    .filter((u) => !known.has(u.key))
    .map((u) => ({
      source: job.source,
      kind: t.source.kind,
      unit: u.key,
      label: u.label,
      unitCreatedAt: u.createdAt,
      status: 'pending',
      pages: 0,
      pagesFailed: 0,
      expected: 0,
      stored: 0,
      error: '',
      errorAt: null,
      attempts: 0,
      nextRunAt: now,
      lastSuccessAt: null,
    }))
  await Promise.all(fresh.map((u) => crawlState.write(deps.writer, u)))
  // Due: asked for all, its next run has come, or it is finished but still revisited (a young
  // thread, a board): discovery is when those are read again. Failed units wait out their backoff.
  const isDue = (u: UnitState) =>
    job.all === true || (u.nextRunAt !== null && (u.status === 'done' || u.nextRunAt <= now))
  const due = [...fresh, ...units.map((u) => known.get(u.key)).filter((u) => u !== undefined)].filter(isDue)
  for (const u of due) await startUnitRun(deps, u, now)
  deps.log.info(
    { source: job.source, units: units.length, new: fresh.length, queued: due.length },
    'units discovered',
  )
  return due.length
}
