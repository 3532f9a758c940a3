// Numbered plain-SQL migrations (NNN_name.sql), applied in order at start. Applied versions are
// recorded in ClickHouse itself, so this works on chDB and a server alike. Every statement is
// idempotent (IF NOT EXISTS), which makes two processes migrating at once safe: both may run a
// statement, and the version table collapses duplicates (ReplacingMergeTree on version); a
// statement that fails while another process drops and re-creates its table is tried again.
// With `cluster` (CLICKHOUSE_CLUSTER) the same files run in their clustered form (cluster.ts).
import { readdirSync, readFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ClickHouseClient } from '@clickhouse/client'
import type { Logger } from '../logger.ts'
import { clusterMigrations, clusterStatement } from './cluster.ts'

export interface Migration {
  version: number
  name: string
  statements: string[]
  checksum: string
}

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations')

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const sql = readFileSync(join(dir, file), 'utf8')
      return {
        version: Number(file.slice(0, 3)),
        name: file.replace(/\.sql$/, ''),
        statements: splitStatements(sql),
        checksum: createHash('sha256').update(sql).digest('hex').slice(0, 16),
      }
    })
}

/** Split on `;` at the end of a line, dropping `--` comment lines. */
export function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*$/m)
    .map((s) =>
      s
        .split('\n')
        .filter((line) => !line.trim().startsWith('--'))
        .join('\n')
        .trim(),
    )
    .filter(Boolean)
}

const SCHEMA_MIGRATIONS = `CREATE TABLE IF NOT EXISTS schema_migrations
      (version UInt32, name String, checksum String, applied_at DateTime64(3, 'UTC'))
      ENGINE = ReplacingMergeTree(applied_at) ORDER BY version`

/**
 * Tries of a statement that fails. Two processes migrating at once (the distributed roles
 * starting together) can interleave a migration that drops and re-creates a table (015) with a
 * later one that alters it (016): one process's statement then lands between the other's DROP
 * and CREATE, and fails however the engine notices (no such table, a table dropped under it, its
 * metadata file gone). The table is back within milliseconds and every statement is idempotent,
 * so the statement is tried again; one that keeps failing still fails, a syntax error at once.
 */
const STATEMENT_TRIES = 20
const RETRY_PAUSE_MS = 100
/** ClickHouse's error code for a statement it cannot parse: never worth another try. */
const SYNTAX_ERROR = '62'

async function runStatement(client: ClickHouseClient, query: string, log?: Logger): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await client.command({ query })
      return
    } catch (err) {
      if (String((err as { code?: unknown }).code) === SYNTAX_ERROR || attempt >= STATEMENT_TRIES) throw err
      log?.warn(
        { attempt, statement: query.slice(0, 80), err: (err as Error).message?.slice(0, 200) },
        'migration statement failed (another process migrating?); trying again',
      )
      await new Promise((r) => setTimeout(r, RETRY_PAUSE_MS))
    }
  }
}

export async function migrate(
  client: ClickHouseClient,
  log?: Logger,
  plain = loadMigrations(),
  options: { cluster?: string | undefined } = {},
): Promise<number[]> {
  const { cluster } = options
  const versionTable = cluster
    ? clusterStatement(SCHEMA_MIGRATIONS, { cluster, tables: new Set() })
    : [SCHEMA_MIGRATIONS]
  for (const query of versionTable) await client.command({ query })
  const migrations = cluster ? clusterMigrations(plain, cluster) : plain
  const rs = await client.query({
    query: 'SELECT DISTINCT version FROM schema_migrations',
    format: 'JSONEachRow',
  })
  const applied = new Set((await rs.json<{ version: number }>()).map((r) => Number(r.version)))
  const done: number[] = []
  for (const m of migrations) {
    if (applied.has(m.version)) continue
    log?.info({ version: m.version, name: m.name }, 'applying migration')
    for (const statement of m.statements) await runStatement(client, statement, log)
    await client.insert({
      table: 'schema_migrations',
      values: [{ version: m.version, name: m.name, checksum: m.checksum, applied_at: Date.now() }],
      format: 'JSONEachRow',
    })
    done.push(m.version)
  }
  return done
}
