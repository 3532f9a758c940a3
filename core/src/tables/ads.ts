// Table ads: one row per ad and extraction (the newest extraction wins). Written by the extract
// worker; the charts' reads live in core/src/analytics, which owns the analytical SQL.
import type { ClickHouseClient } from '@clickhouse/client'
import type { TableWriter } from '../clickhouse/batch-writer.ts'
import { queryRows } from '../clickhouse/query.ts'

export interface AdRow {
  ad_id: string
  source: string
  source_id: string
  thread_id: string
  url: string
  posted_at: string
  posted_day: string
  company: string
  title: string
  seniority: string
  work_mode: string
  remote_region: string
  country: string
  employment_type: string
  role_family: string
  industries: string[]
  visa_sponsorship: number | null
  /** Every skill found, inferred parents included (the ads search shows them flagged). */
  skills: string[]
  /** The skills the ad names (no inferred parent): what the charts count. Defaults to `skills`. */
  named_skills?: string[]
  salary_raw: string
  salary_min: number | null
  salary_max: number | null
  salary_currency: string
  salary_period: string
  salary_kind: string
  salary_source: string
  salary_annual_min_usd: number | null
  salary_annual_max_usd: number | null
  salary_confidence: number
  extractor_version: number
  extracted_at: string
  /** Defaults to ad_id (migration 002). */
  dedupe_key?: string
}

export const ads = {
  insert(writer: TableWriter, rows: AdRow[]): Promise<void> {
    return writer.insert('ads', rows)
  },

  /**
   * Distinct ads with an extraction at this extractor version. No FINAL: an ad's rows at one
   * version count once either way, and skipping the merge on read halves the cost.
   */
  async countExtracted(ch: ClickHouseClient, version: number): Promise<number> {
    const rows = await queryRows<{ n: string }>(
      ch,
      'SELECT uniqExact(ad_id) AS n FROM ads WHERE extractor_version = {v:UInt32}',
      { v: version },
    )
    return Number(rows[0]?.n ?? 0)
  },
}
