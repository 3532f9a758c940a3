// ClickHouse client factory: embedded chDB under DATA_DIR when CLICKHOUSE_URL is unset, a
// ClickHouse server over HTTP when it is set. Both are the official @clickhouse/client, so the
// SQL is the same. chDB binds one data directory per process ("Cannot lock file .../status"),
// so a second process on the same DATA_DIR fails fast with a message saying so.
import { resolve } from 'node:path'
import { createClient, type ClickHouseClient } from '@clickhouse/client'
import type { Config } from '../config.ts'
import { UserError } from '../user-error.ts'
import { createChdbPool } from './chdb-pool.ts'
import { ensureDataDir, lockHolder } from './data-dir.ts'

export type { ClickHouseClient }

export interface ClickHouseHandle {
  client: ClickHouseClient
  mode: 'embedded' | 'server'
  /** Where the data lives: a directory (embedded) or the server URL without credentials. */
  location: string
  close(): Promise<void>
}

type ChConfig = Pick<
  Config,
  'CLICKHOUSE_URL' | 'CLICKHOUSE_USER' | 'CLICKHOUSE_PASSWORD' | 'CLICKHOUSE_DATABASE' | 'DATA_DIR'
> &
  Partial<Pick<Config, 'CLICKHOUSE_CLUSTER'>>

/** How the embedded engine runs queries (benchmarks compare the two; the defaults are the fast path). */
export interface EmbeddedOptions {
  /** chDB sessions on the data directory: queries that may run at once (default 4). */
  sessions?: number
  /** 'literal' (default): parameters bound as typed literals; 'native': chDB's serialised binding. */
  binding?: 'literal' | 'native'
}

export async function createClickHouse(
  cfg: ChConfig,
  embedded: EmbeddedOptions = {},
): Promise<ClickHouseHandle> {
  if (cfg.CLICKHOUSE_URL) return connectServer(cfg, cfg.CLICKHOUSE_URL)
  return openEmbedded(resolve(cfg.DATA_DIR, 'clickhouse'), embedded)
}

async function connectServer(cfg: ChConfig, url: string): Promise<ClickHouseHandle> {
  // The database may not exist yet: create it through a client bound to `default`.
  const bootstrap = createClient({ url, username: cfg.CLICKHOUSE_USER, password: cfg.CLICKHOUSE_PASSWORD })
  try {
    // On a cluster, on every node (the name is validated by the config schema).
    const onCluster = cfg.CLICKHOUSE_CLUSTER ? ` ON CLUSTER '${cfg.CLICKHOUSE_CLUSTER}'` : ''
    await bootstrap.command({ query: `CREATE DATABASE IF NOT EXISTS ${cfg.CLICKHOUSE_DATABASE}${onCluster}` })
  } catch (err) {
    throw new UserError(`Cannot reach ClickHouse at ${new URL(url).origin}: ${(err as Error).message}`, {
      cause: err,
    })
  } finally {
    await bootstrap.close()
  }
  const client = createClient({
    url,
    username: cfg.CLICKHOUSE_USER,
    password: cfg.CLICKHOUSE_PASSWORD,
    database: cfg.CLICKHOUSE_DATABASE,
    // Query parameters past 4 KB travel as multipart form parts, not in the URL (http_max_uri_size);
    // each value still stays under http_max_field_value_size (see query.ts).
    use_multipart_params_auto: true,
    clickhouse_settings: { date_time_input_format: 'best_effort' },
  })
  return { client, mode: 'server', location: new URL(url).origin, close: () => client.close() }
}

async function openEmbedded(path: string, opts: EmbeddedOptions): Promise<ClickHouseHandle> {
  ensureDataDir(path)
  let connection
  try {
    // chdb is loaded lazily there: the distributed roles never need the ~500 MB engine in memory.
    connection = await createChdbPool({ path, sessions: opts.sessions ?? 4, binding: opts.binding })
  } catch (err) {
    // chDB's message is only "Failed to create connection for path ..." (the lock detail goes to
    // the native stderr), so the hint comes from the lock holder's pid in the status file.
    const msg = (err as Error).message
    const holder = lockHolder(path)
    const hint =
      holder !== undefined
        ? ` Another process (pid ${holder}) already uses this data directory; stop it or set DATA_DIR to another directory.`
        : ''
    throw new UserError(`Cannot open embedded ClickHouse (chDB) at ${path}: ${msg}.${hint}`, { cause: err })
  }
  // chDB has one database namespace per data directory; the tables live in `default`.
  // chdb types its connection against @clickhouse/client-common; the client re-bundles the same
  // interface under its own path, so the two declarations differ only in name.
  type ClientConnection = NonNullable<Parameters<typeof createClient>[0]>['connection']
  const client = createClient({
    connection: connection as unknown as ClientConnection,
    clickhouse_settings: { date_time_input_format: 'best_effort' },
  })
  return { client, mode: 'embedded', location: path, close: () => client.close() }
}
