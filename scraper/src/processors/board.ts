// What is particular to job boards (listing sources): listing one without storing anything
// (`stackradar sources test`), and its health after each read (ads seen / new / closed).
import type { SourceEntry } from '@stackradar/core/sources-config'
import { PermanentError } from '@stackradar/core/queue'
import { sourceHealth } from '@stackradar/core/tables'
import type { ScrapeDeps } from '../deps.ts'
import { getSourceModule } from '../sources/registry.ts'
import type { SourceListing } from '../sources/types.ts'

/** List a board without storing anything (`stackradar sources test`). */
export async function listBoard(
  deps: Pick<ScrapeDeps, 'sourceHttp'>,
  entry: SourceEntry,
): Promise<SourceListing> {
  const module = getSourceModule(entry.kind)
  if (!module) throw new PermanentError(`source ${entry.id}: unknown kind '${entry.kind}'`)
  const parsed = module.configSchema.safeParse(entry.config)
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    throw new PermanentError(`source ${entry.id}: invalid config: ${issues}`)
  }
  // One time budget per host for this listing (a slow-drip site cannot hold the worker for hours).
  const http = deps.sourceHttp.forRun?.() ?? deps.sourceHttp
  return module.list(parsed.data, { baseUrl: entry.baseUrl ?? module.defaultBaseUrl, http })
}

/** Record a board read: what it listed, what was new, what closed; a failed read keeps the counts. */
export async function recordBoardRead(
  deps: ScrapeDeps,
  board: { key: string; kind: string },
  outcome: { seen: number; fresh: number; closed: number } | { error: string },
): Promise<void> {
  const previous = (await sourceHealth.all(deps.ch)).get(board.key)
  const now = new Date().toISOString()
  if ('error' in outcome) {
    await sourceHealth.write(deps.writer, {
      sourceKey: board.key,
      kind: board.kind,
      adsSeen: 0,
      adsNew: 0,
      adsClosed: 0,
      totalSeen: previous?.totalSeen ?? 0,
      lastSuccessAt: previous?.lastSuccessAt ?? null,
      lastError: outcome.error,
      lastErrorAt: now,
    })
    return
  }
  await sourceHealth.write(deps.writer, {
    sourceKey: board.key,
    kind: board.kind,
    adsSeen: outcome.seen,
    adsNew: outcome.fresh,
    adsClosed: outcome.closed,
    totalSeen: (previous?.totalSeen ?? 0) + outcome.fresh,
    lastSuccessAt: now,
    lastError: previous?.lastError ?? '',
    lastErrorAt: previous?.lastErrorAt ?? null,
  })
}
