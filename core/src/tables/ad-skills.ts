// Table ad_skills: one row per ad, skill and extractor version; written by the extract worker
// (before the ad's `ads` row, which names the version that counts). Read by core/src/analytics.
import type { TableWriter } from '../clickhouse/batch-writer.ts'

export interface AdSkillRow {
  skill: string
  posted_day: string
  ad_id: string
  extractor_version: number
  source: string
  category: string
  inferred: number
  evidence: string[]
  extracted_at: string
  /** Defaults to ad_id (migration 002). */
  dedupe_key?: string
}

export const adSkills = {
  insert(writer: TableWriter, rows: AdSkillRow[]): Promise<void> {
    return writer.insert('ad_skills', rows)
  },
}
