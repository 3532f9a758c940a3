// Gives new board ads their dedupe_key: the key of an already stored ad that is the same job
// (same normalised company + title + location, similar description), else the ad's own id.
import type { ClickHouseClient } from '@clickhouse/client'
import type { TableWriter } from '@stackradar/core/clickhouse'
import { toDateTime64 } from '@stackradar/core/clickhouse'
import { fingerprintKey, minhash, similarity, SAME_JOB_SIMILARITY } from '@stackradar/core/dedupe'
import type { NormalizedAd } from '../sources/types.ts'
import { adFingerprints, type AdFingerprintRow } from '@stackradar/core/tables'

export interface DedupeInput {
  adId: string
  source: string
  ad: NormalizedAd
}

export async function assignDedupeKeys(
  ch: ClickHouseClient,
  writer: TableWriter,
  items: DedupeInput[],
): Promise<Map<string, string>> {
  const result = new Map<string, string>()
  if (items.length === 0) return result
  const prints = items.map((i) => ({
    ...i,
    key: fingerprintKey(i.ad.company, i.ad.title, i.ad.location),
    sig: minhash(i.ad.text),
  }))
  const known = await adFingerprints.withKeys(ch, [...new Set(prints.map((p) => p.key))])
  // Earlier items of this same batch are candidates too (one board listing a job twice, or two
  // boards read in one run).
  const candidates = known.map((k) => ({
    key: k.fp_key,
    adId: k.ad_id,
    dedupe: k.dedupe_key,
    sig: k.minhash,
  }))
  const rows: AdFingerprintRow[] = []
  for (const p of prints) {
    const match = candidates.find(
      (c) => c.key === p.key && c.adId !== p.adId && similarity(c.sig, p.sig) >= SAME_JOB_SIMILARITY,
    )
    const existing = candidates.find((c) => c.adId === p.adId)
    const dedupe = existing?.dedupe ?? match?.dedupe ?? p.adId
    result.set(p.adId, dedupe)
    if (!existing) {
      candidates.push({ key: p.key, adId: p.adId, dedupe, sig: p.sig })
      rows.push({
        fp_key: p.key,
        ad_id: p.adId,
        dedupe_key: dedupe,
        source: p.source,
        minhash: p.sig,
        created_at: toDateTime64(Date.now()),
      })
    }
  }
  await adFingerprints.insert(writer, rows)
  return result
}
