// Table ad_fingerprints: content fingerprints of board ads (normalised company + title + location
// key, MinHash of the description), so the same job on several boards shares one dedupe_key.
import type { ClickHouseClient } from '@clickhouse/client'
import type { TableWriter } from '../clickhouse/batch-writer.ts'
import { queryRowsByChunks } from '../clickhouse/query.ts'

export interface AdFingerprintRow {
  fp_key: string
  ad_id: string
  dedupe_key: string
  source: string
  minhash: number[]
  created_at: string
}

export const adFingerprints = {
  insert(writer: TableWriter, rows: AdFingerprintRow[]): Promise<void> {
    return writer.insert('ad_fingerprints', rows)
  },

  /** Every stored fingerprint with one of these keys, oldest first. */
  async withKeys(ch: ClickHouseClient, keys: readonly string[]): Promise<AdFingerprintRow[]> {
    const rows = await queryRowsByChunks<AdFingerprintRow>(
      ch,
      `SELECT fp_key, ad_id, dedupe_key, source, minhash, toString(created_at) AS created_at
       FROM ad_fingerprints FINAL WHERE fp_key IN {keys:Array(String)}`,
      { keys: [...keys] },
      'keys',
    )
    // Chunks arrive one after another: order the whole set as one query would.
    return rows
      .map((r) => ({ ...r, minhash: r.minhash.map(Number) }))
      .sort((a, b) => a.created_at.localeCompare(b.created_at) || a.ad_id.localeCompare(b.ad_id))
  },
}
