// The clustered variant of the plain migrations (CLICKHOUSE_CLUSTER=<name>), made by transforming
// each statement, so every migration — present and future — has one source of truth:
//   CREATE TABLE t (…) ENGINE = XMergeTree(args) …
//     → t_local ON CLUSTER, ENGINE = ReplicatedXMergeTree('/clickhouse/tables/{shard}/{database}/{table}',
//       '{replica}', args), and t ON CLUSTER AS t_local ENGINE = Distributed(cluster, db, t_local, key).
//     The sharding key is a function of the sorting key, so the rows a ReplacingMergeTree collapses
//     always meet on one shard: sipHash64(ad_id) where the sorting key has ad_id (an ad's rows in every
//     table then share a shard), else sipHash64 of the whole sorting key.
//   ALTER TABLE t … → the same on t_local and on t, ON CLUSTER (an index, projection or setting:
//     t_local only).
//   CREATE MATERIALIZED VIEW v TO t AS SELECT … FROM s → ON CLUSTER, TO t_local, reading s_local: a view
//     fires on the shard-local inserts the Distributed table forwards.
//   CREATE [OR REPLACE] VIEW, DROP TABLE / VIEW → ON CLUSTER (a dropped table's _local too).
//   INSERT → unchanged: it goes through the Distributed table once, not once per node.
//   TRUNCATE TABLE t → t_local ON CLUSTER (a Distributed table holds no rows of its own).
// Data maintenance at run time (TRUNCATE, ALTER … DELETE, DROP PARTITION: the rollups' rebuild and
// repair) cannot go through a Distributed table: `maintenanceTarget` finds, from the server's own
// catalogue, whether a table is Distributed and then names its shard-local table ON CLUSTER.
// Anything else throws, naming the statement, so a migration the transform does not understand fails
// its test (cluster.test.ts runs the transform over every migration file) instead of running wrongly.
// Reads need `distributed_product_mode = 'global'` (IN / JOIN over two Distributed tables) and inserts
// `distributed_foreground_insert = 1` (acknowledged once stored); the compose profile sets both.
import type { ClickHouseClient } from '@clickhouse/client'
import type { Migration } from './migrate.ts'
import { queryRows } from './query.ts'

const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/
const IDENT = '`?([A-Za-z_][A-Za-z0-9_]*)`?'

export const localName = (table: string) => `${table}_local`

export interface ClusterContext {
  cluster: string
  /** Tables created so far (by earlier statements or migrations): their names are rewritten in views. */
  tables: Set<string>
}

function onCluster(ctx: ClusterContext): string {
  return `ON CLUSTER '${ctx.cluster}'`
}

/** The sorting key's expression list: `ORDER BY (a, b)` → "a, b". */
function sortingKey(statement: string): string {
  const m = /\bORDER\s+BY\s+(\([^)]*\)|[^\s]+)/i.exec(statement)
  if (!m) throw new Error(`cluster: no ORDER BY in\n${statement}`)
  return m[1]!.replace(/^\(|\)$/g, '').trim()
}

function shardingKey(statement: string): string {
  const key = sortingKey(statement)
  const columns = key.split(',').map((c) => c.trim())
  return columns.includes('ad_id') ? 'sipHash64(ad_id)' : `sipHash64(${key})`
}

function createTable(statement: string, ctx: ClusterContext): string[] {
  const head = new RegExp(`^CREATE\\s+TABLE\\s+(IF\\s+NOT\\s+EXISTS\\s+)?${IDENT}\\s*`, 'i').exec(statement)!
  const [, ifNotExists = '', table] = head
  const engine = /\bENGINE\s*=\s*(\w*MergeTree)\b(\s*\(([^)]*)\))?/i.exec(statement)
  if (!engine || /^Replicated/i.test(engine[1]!))
    throw new Error(`cluster: CREATE TABLE ${table} needs a (non-replicated) *MergeTree engine`)
  const args = engine[3]?.trim()
  const path = `'/clickhouse/tables/{shard}/{database}/{table}', '{replica}'`
  const replicated = `ENGINE = Replicated${engine[1]}(${path}${args ? `, ${args}` : ''})`
  const body = statement.slice(head[0].length)
  const local = `CREATE TABLE ${ifNotExists}${localName(table!)} ${onCluster(ctx)} ${body.replace(engine[0], replicated)}`
  const distributed =
    `CREATE TABLE ${ifNotExists}${table} ${onCluster(ctx)} AS ${localName(table!)}\n` +
    `ENGINE = Distributed('${ctx.cluster}', currentDatabase(), ${localName(table!)}, ${shardingKey(statement)})`
  ctx.tables.add(table!)
  return [local, distributed]
}

function alterTable(statement: string, ctx: ClusterContext): string[] {
  const m = new RegExp(`^ALTER\\s+TABLE\\s+${IDENT}\\s+`, 'i').exec(statement)!
  const table = m[1]!
  if (!ctx.tables.has(table)) throw new Error(`cluster: ALTER TABLE ${table}: not a table of the migrations`)
  const rest = statement.slice(m[0].length)
  if (
    !/^((ADD|DROP|MODIFY|RENAME|COMMENT|MATERIALIZE)\s+(COLUMN|INDEX|PROJECTION)|MODIFY\s+SETTING)\b/i.test(
      rest,
    )
  )
    throw new Error(
      `cluster: ALTER TABLE ${table}: only column / index / projection / setting changes are transformed:\n${statement}`,
    )
  // The replicated table first: the Distributed one must not name a column its shards lack. An
  // index, a projection or a MergeTree setting lives in the shards' tables alone.
  return [
    `ALTER TABLE ${localName(table)} ${onCluster(ctx)} ${rest}`,
    ...(/^(ADD|DROP|MODIFY|RENAME|COMMENT)\s+COLUMN\b/i.test(rest)
      ? [`ALTER TABLE ${table} ${onCluster(ctx)} ${rest}`]
      : []),
  ]
}

function materializedView(statement: string, ctx: ClusterContext): string[] {
  const m = new RegExp(
    `^CREATE\\s+MATERIALIZED\\s+VIEW\\s+(IF\\s+NOT\\s+EXISTS\\s+)?${IDENT}\\s+TO\\s+${IDENT}\\s+AS\\s+`,
    'i',
  ).exec(statement)
  if (!m) throw new Error(`cluster: a materialized view needs TO <table> (no inner table):\n${statement}`)
  const [, ifNotExists = '', view, target] = m
  if (!ctx.tables.has(target!)) throw new Error(`cluster: view ${view} writes to unknown table ${target}`)
  // The view fires on the shard-local table the Distributed one forwards inserts to.
  const select = statement
    .slice(m[0].length)
    .replace(new RegExp(`\\b(FROM|JOIN)\\s+${IDENT}`, 'gi'), (whole, kw: string, name: string) =>
      ctx.tables.has(name) ? `${kw} ${localName(name)}` : whole,
    )
  return [
    `CREATE MATERIALIZED VIEW ${ifNotExists}${view} ${onCluster(ctx)} TO ${localName(target!)} AS ${select}`,
  ]
}

function drop(statement: string, ctx: ClusterContext): string[] {
  const m = new RegExp(`^DROP\\s+(TABLE|VIEW)\\s+(IF\\s+EXISTS\\s+)?${IDENT}(.*)$`, 'is').exec(statement)!
  const [, kind, ifExists = '', name, rest = ''] = m
  const out = [`DROP ${kind} ${ifExists}${name} ${onCluster(ctx)}${rest}`]
  if (ctx.tables.has(name!)) {
    out.push(`DROP TABLE ${ifExists}${localName(name!)} ${onCluster(ctx)}${rest}`)
    ctx.tables.delete(name!)
  }
  return out
}

function truncate(statement: string, ctx: ClusterContext): string[] {
  const m = new RegExp(`^TRUNCATE\\s+TABLE\\s+(IF\\s+EXISTS\\s+)?${IDENT}$`, 'i').exec(statement)
  if (!m || !ctx.tables.has(m[2]!))
    throw new Error(`cluster: TRUNCATE of a table the migrations do not make:\n${statement}`)
  return [`TRUNCATE TABLE ${m[1] ?? ''}${localName(m[2]!)} ${onCluster(ctx)}`]
}

/** One plain statement → its clustered statements, in order. */
export function clusterStatement(statement: string, ctx: ClusterContext): string[] {
  const s = statement.trim()
  if (/^CREATE\s+TABLE\b/i.test(s)) return createTable(s, ctx)
  if (/^ALTER\s+TABLE\b/i.test(s)) return alterTable(s, ctx)
  if (/^CREATE\s+MATERIALIZED\s+VIEW\b/i.test(s)) return materializedView(s, ctx)
  if (/^CREATE\s+(OR\s+REPLACE\s+)?VIEW\b/i.test(s))
    return [
      s.replace(
        new RegExp(`^(CREATE\\s+(?:OR\\s+REPLACE\\s+)?VIEW\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?${IDENT})`, 'i'),
        `$1 ${onCluster(ctx)}`,
      ),
    ]
  if (/^DROP\s+(TABLE|VIEW)\b/i.test(s)) return drop(s, ctx)
  if (/^INSERT\s+INTO\b/i.test(s)) return [s]
  if (/^TRUNCATE\s+TABLE\b/i.test(s)) return truncate(s, ctx)
  throw new Error(
    `cluster: no clustered form for this statement (teach core/src/clickhouse/cluster.ts):\n${s}`,
  )
}

/** The clustered variant of `migrations` (same versions and checksums: they describe the same schema). */
export function clusterMigrations(
  migrations: Migration[],
  cluster: string,
  ctx?: ClusterContext,
): Migration[] {
  if (!NAME.test(cluster)) throw new Error(`CLICKHOUSE_CLUSTER: '${cluster}' is not a cluster name`)
  const context = ctx ?? { cluster, tables: new Set<string>(['schema_migrations']) }
  return migrations.map((m) => ({
    ...m,
    statements: m.statements.flatMap((s) => clusterStatement(s, context)),
  }))
}

/**
 * `Distributed('cluster', db, local_table[, key])` (system.tables.engine_full) → the cluster and the
 * local table; undefined when the engine is not of that shape or a name is not a plain identifier.
 */
export function parseDistributedEngine(engineFull: string): { cluster: string; local: string } | undefined {
  const m = /^Distributed\(\s*'([^']+)'\s*,\s*[^,]+,\s*'?([A-Za-z_][A-Za-z0-9_]*)'?\s*(?:,|\))/.exec(
    engineFull.trim(),
  )
  if (!m || !NAME.test(m[1]!)) return undefined
  return { cluster: m[1]!, local: m[2]! }
}

const targets = new WeakMap<ClickHouseClient, Map<string, Promise<string>>>()

/**
 * What a maintenance statement on `table` (a name from this codebase) should name: the table
 * itself on a single server, or `<table>_local ON CLUSTER '<cluster>'` when the table is
 * Distributed (CLICKHOUSE_CLUSTER). Read once per client and table.
 */
export function maintenanceTarget(ch: ClickHouseClient, table: string): Promise<string> {
  let byTable = targets.get(ch)
  if (!byTable) targets.set(ch, (byTable = new Map()))
  let target = byTable.get(table)
  if (!target) {
    target = (async () => {
      const [row] = await queryRows<{ engine: string; engine_full: string }>(
        ch,
        'SELECT engine, engine_full FROM system.tables WHERE database = currentDatabase() AND name = {t:String}',
        { t: table },
      )
      if (row?.engine !== 'Distributed') return table
      const d = parseDistributedEngine(row.engine_full)
      if (!d)
        throw new Error(`cluster: cannot read the shard-local table of ${table} from '${row.engine_full}'`)
      return `${d.local} ON CLUSTER '${d.cluster}'`
    })()
    target.catch(() => byTable.delete(table))
    byTable.set(table, target)
  }
  return target
}
