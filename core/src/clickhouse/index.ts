// ClickHouse for the rest of the system: the client factory, migrations, the batched writer,
// date helpers, row types and the per-table reads and writes. The raw query helper (queryRows)
// is exported for the table and analytics layers; lint keeps it out of the apps.
export * from './client.ts'
export * from './migrate.ts'
export * from './batch-writer.ts'
export * from './datetime.ts'
export type * from './rows.ts'
export * from './query.ts'
export * from './crawl-tasks.ts'
export * from './source-health.ts'
export * from './raw-ads.ts'
