// Reads one configured job board in full: list its ads through the source module, store new or
// changed ones as raw ads (with a cross-board dedupe key), mark missing ones closed, queue their
// extraction and record the board's health. A failing board ends with a logged, recorded reason.
import { adId, contentHash } from '@stackradar/core/ids'
import {
  fromDateTime,
  toDateTime,
  toDateTime64,
  readSourceHealth,
  writeSourceHealth,
  storedContentHashes,
} from '@stackradar/core/clickhouse'
import type { RawAdRow } from '@stackradar/core/clickhouse'
import { encodeStoredAd } from '@stackradar/core/contracts/payloads'
import { PermanentError } from '@stackradar/core/queue'
import type { SourceEntry } from '@stackradar/core/sources-config'
import type { ScrapeDeps } from '../deps.ts'
import { FetchError } from '../http/index.ts'
import { getSourceModule } from '../sources/registry.ts'
import type { NormalizedAd, SourceListing } from '../sources/types.ts'
import { assignDedupeKeys } from './board-dedupe.ts'
import { updatePresence } from './board-presence.ts'

export interface BoardRun {
  seen: number
  changed: number
  fresh: number
  closed: number
}

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
  return module.list(parsed.data, { baseUrl: entry.baseUrl ?? module.defaultBaseUrl, http: deps.sourceHttp })
}

export async function scrapeBoard(deps: ScrapeDeps, sourceKey: string): Promise<BoardRun> {
  const entry = deps.sources.sources.find((s) => s.id === sourceKey)
  if (!entry) throw new PermanentError(`no source '${sourceKey}' in the sources file`)
  const previous = (await readSourceHealth(deps.ch)).get(sourceKey)
  let listing: SourceListing
  try {
    listing = await listBoard(deps, entry)
  } catch (err) {
    const message = (err as Error).message
    await writeSourceHealth(deps.writer, {
      sourceKey,
      kind: entry.kind,
      adsSeen: 0,
      adsNew: 0,
      adsClosed: 0,
      totalSeen: previous?.totalSeen ?? 0,
      lastSuccessAt: previous?.lastSuccessAt ?? null,
      lastError: message,
      lastErrorAt: new Date().toISOString(),
    })
    deps.log.warn({ source: sourceKey, err: message }, 'board listing failed')
    if (err instanceof FetchError && !err.retryable) throw new PermanentError(message)
    throw err
  }
  for (const w of listing.warnings) deps.log.warn({ source: sourceKey, warning: w }, 'board listing warning')

  const ads = uniqueBySourceId(listing.ads)
  const ids = ads.map((a) => adId(entry.id, a.sourceId))
  const { newIds, closed, firstSeen } = await updatePresence(deps.ch, deps.writer, entry.id, ids)
  const changed = await storeChanged(deps, entry, ads, firstSeen)
  for (let i = 0; i < changed.length; i += deps.cfg.EXTRACT_BATCH) {
    await deps.queue.enqueue('extract', { adIds: changed.slice(i, i + deps.cfg.EXTRACT_BATCH) })
  }
  await writeSourceHealth(deps.writer, {
    sourceKey,
    kind: entry.kind,
    adsSeen: ads.length,
    adsNew: newIds.size,
    adsClosed: closed,
    totalSeen: (previous?.totalSeen ?? 0) + newIds.size,
    lastSuccessAt: new Date().toISOString(),
    lastError: previous?.lastError ?? '',
    lastErrorAt: previous?.lastErrorAt ?? null,
  })
  deps.log.info(
    { source: sourceKey, seen: ads.length, changed: changed.length, new: newIds.size, closed },
    'board stored',
  )
  return { seen: ads.length, changed: changed.length, fresh: newIds.size, closed }
}

function uniqueBySourceId(ads: NormalizedAd[]): NormalizedAd[] {
  return [...new Map(ads.map((a) => [a.sourceId, a])).values()]
}

/** Store ads that are new or changed; unchanged ones are neither re-stored nor re-extracted. */
async function storeChanged(
  deps: ScrapeDeps,
  entry: SourceEntry,
  ads: NormalizedAd[],
  firstSeen: Map<string, string>,
): Promise<string[]> {
  if (ads.length === 0) return []
  const now = Date.now()
  const candidates = ads.map((ad) => {
    const { raw, ...normalized } = ad
    const { payload } = encodeStoredAd({ format: 'board-json', ad: normalized, raw })
    return { ad, id: adId(entry.id, ad.sourceId), payload, hash: contentHash(payload) }
  })
  const stored = await storedContentHashes(
    deps.ch,
    entry.kind,
    candidates.map((c) => c.id),
  )
  const fresh = candidates.filter((c) => stored.get(c.id) !== c.hash)
  // One board at a time decides dedupe keys (across processes too): two boards read at once must
  // each see the other's fingerprints, or the same job would get two keys.
  const dedupe = await deps.queue.withLock('dedupe', () =>
    assignDedupeKeys(
      deps.ch,
      deps.writer,
      fresh.map((c) => ({ adId: c.id, source: entry.kind, ad: c.ad })),
    ),
  )
  const rows: RawAdRow[] = fresh.map((c) => ({
    ad_id: c.id,
    source: entry.kind,
    source_id: c.ad.sourceId,
    // For boards this column holds the board key (one "thread" per configured board).
    thread_id: entry.id,
    url: c.ad.url,
    // A board that gives no date: the ad is dated by when it was first seen, stable across re-reads.
    posted_at: toDateTime(c.ad.postedAt ?? fromDateTime(firstSeen.get(c.id) ?? toDateTime64(now))),
    date_source: c.ad.postedAt ? 'source' : 'thread',
    payload_format: 'board-json',
    payload: c.payload,
    content_hash: c.hash,
    fetched_at: toDateTime64(now),
    dedupe_key: dedupe.get(c.id) ?? c.id,
  }))
  await deps.writer.insert('raw_ads', rows as unknown as Record<string, unknown>[])
  return rows.map((r) => r.ad_id)
}
