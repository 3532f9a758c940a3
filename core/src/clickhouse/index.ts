// ClickHouse for the rest of the system: the client factory, migrations, the batched writer and
// date helpers. Tables are read and written through their modules (core/src/tables); the raw
// query helper (queryRows) is exported for the table and analytics layers, and lint keeps it out
// of the apps.
export * from './client.ts'
export * from './migrate.ts'
export * from './batch-writer.ts'
export * from './datetime.ts'
export * from './query.ts'
export * from './data-version.ts'
