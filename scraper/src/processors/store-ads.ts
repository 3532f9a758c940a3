// Storing what a crawl page yielded: ads that are new or whose content changed become raw ads
// (HTML comments as they were served; board postings as JSON with a cross-board dedupe key) and
// are queued for extraction. Unchanged ads are neither stored nor extracted again.
import { adId, contentHash } from '@stackradar/core/ids'
import { fromDateTime, toDateTime, toDateTime64 } from '@stackradar/core/clickhouse'
import { encodeStoredAd } from '@stackradar/core/contracts/payloads'
import { rawAds, type RawAdRow } from '@stackradar/core/tables'
import type { ScrapeDeps } from '../deps.ts'
import type { CrawledAd, NormalizedAd } from '../sources/types.ts'
import { assignDedupeKeys } from './board-dedupe.ts'

export type HtmlAd = Extract<CrawledAd, { format: 'html' }>

export interface StoreTarget {
  /** Source key: prefix of the ad ids ('hn', a board id). */
  sourceKey: string
  /** Source kind: the `source` column. */
  kind: string
  /** Crawl unit: the `thread_id` column. */
  unit: string
}

/** Ids of the ads of this page once stored: `${sourceKey}:${sourceId}`. */
export function storedId(t: StoreTarget, sourceId: string): string {
  return adId(t.sourceKey, sourceId)
}

export async function storeHtmlAds(deps: ScrapeDeps, t: StoreTarget, ads: HtmlAd[]): Promise<string[]> {
  if (ads.length === 0) return []
  const rows: RawAdRow[] = ads.map((ad) => ({
    ad_id: storedId(t, ad.sourceId),
    source: t.kind,
    source_id: ad.sourceId,
    thread_id: t.unit,
    url: ad.url,
    posted_at: toDateTime(ad.postedAt),
    date_source: ad.dateSource,
    ...encodeStoredAd({ format: 'hn-html', html: ad.html }),
    content_hash: contentHash(ad.html),
    fetched_at: toDateTime64(Date.now()),
  }))
  const stored = await rawAds.contentHashes(
    deps.ch,
    t.kind,
    rows.map((r) => r.ad_id),
  )
  const fresh = rows.filter((r) => stored.get(r.ad_id) !== r.content_hash)
  await rawAds.insert(deps.writer, fresh)
  return fresh.map((r) => r.ad_id)
}

/** The stored form of a board posting: the normalised ad and the job as the board returned it. */
export function encodePosting(ad: NormalizedAd): string {
  const { raw, ...normalized } = ad
  return encodeStoredAd({ format: 'board-json', ad: normalized, raw }).payload
}

/** `firstSeen`: when each ad was first seen on its board (dates the ads a board gives no date). */
export async function storePostings(
  deps: ScrapeDeps,
  t: StoreTarget,
  ads: NormalizedAd[],
  firstSeen: Map<string, string>,
): Promise<string[]> {
  if (ads.length === 0) return []
  const now = Date.now()
  const candidates = ads.map((ad) => {
    const payload = encodePosting(ad)
    return { ad, id: storedId(t, ad.sourceId), payload, hash: contentHash(payload) }
  })
  const stored = await rawAds.contentHashes(
    deps.ch,
    t.kind,
    candidates.map((c) => c.id),
  )
  const fresh = candidates.filter((c) => stored.get(c.id) !== c.hash)
  // One board at a time decides dedupe keys (across processes too): two boards read at once must
  // each see the other's fingerprints, or the same job would get two keys.
  const dedupe = await deps.queue.withLock('dedupe', () =>
    assignDedupeKeys(
      deps.ch,
      deps.writer,
      fresh.map((c) => ({ adId: c.id, source: t.kind, ad: c.ad })),
    ),
  )
  const rows: RawAdRow[] = fresh.map((c) => ({
    ad_id: c.id,
    source: t.kind,
    source_id: c.ad.sourceId,
    thread_id: t.unit,
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
  await rawAds.insert(deps.writer, rows)
  return rows.map((r) => r.ad_id)
}

export async function queueExtraction(deps: ScrapeDeps, ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += deps.cfg.EXTRACT_BATCH) {
    await deps.queue.enqueue('extract', { adIds: ids.slice(i, i + deps.cfg.EXTRACT_BATCH) })
  }
}
