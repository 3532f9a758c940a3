// Table name → row type, so every write through the batched writer is checked against its table.
import type { AdFingerprintRow } from './ad-fingerprints.ts'
import type { AdPresenceRow } from './ad-presence.ts'
import type { AdSkillRow } from './ad-skills.ts'
import type { AdRow } from './ads.ts'
import type { CrawlStateRow } from './crawl-state.ts'
import type { HttpCacheRow } from './http-cache.ts'
import type { RawAdRow } from './raw-ads.ts'
import type { SourceHealthRow } from './source-health.ts'

export interface TableRows {
  raw_ads_v2: RawAdRow
  ads: AdRow
  ad_skills: AdSkillRow
  ad_fingerprints: AdFingerprintRow
  ad_presence: AdPresenceRow
  http_cache: HttpCacheRow
  crawl_state: CrawlStateRow
  source_health: SourceHealthRow
}

export type TableName = keyof TableRows
export type RowOf<T extends TableName> = TableRows[T]
