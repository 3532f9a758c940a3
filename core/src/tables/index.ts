// One module per table: each owns its row type, its inserts and its reads. Everything outside
// core/src/tables, core/src/clickhouse and core/src/analytics calls these verbs instead of SQL.
export { rawAds, type RawAdRow, type StoredRawAd } from './raw-ads.ts'
export { ads, type AdRow } from './ads.ts'
export { adSkills, type AdSkillRow } from './ad-skills.ts'
export { adFingerprints, type AdFingerprintRow } from './ad-fingerprints.ts'
export { adPresence, type AdPresence, type AdPresenceRow } from './ad-presence.ts'
export { httpCache, type HttpCacheRow } from './http-cache.ts'
export {
  crawlState,
  retryDelayMs,
  type CrawlStateRow,
  type SourceUnits,
  type UnitCoverage,
  type UnitState,
  type UnitStatus,
} from './crawl-state.ts'
export {
  rollups,
  ROLLUP_STATE_TTL_MS,
  ROLLUP_TABLES,
  currentTallyMark,
  type RebuildProgress,
  type RollupState,
} from './rollups.ts'
export { tallies, TALLY_TABLES, tallyUsable, type TallyRefresh } from './tallies.ts'
export { sourceHealth, type SourceHealth, type SourceHealthRow } from './source-health.ts'
export { apiKeys, type ApiKeyRow, type StoredApiKey } from './api-keys.ts'
export { reportDefinitions, type ReportDefinitionRow } from './report-definitions.ts'
export {
  reportRuns,
  type ReportRunRow,
  type ReportFileRow,
  type StoredRun,
  type StoredFileKind,
} from './report-runs.ts'
export type { RowOf, TableName, TableRows } from './table-rows.ts'
