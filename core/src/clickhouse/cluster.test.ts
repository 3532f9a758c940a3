// The clustered variant of the migrations, checked on every migration file present (so migrations
// added later are covered) and on a small sample with its exact output. Every clustered statement is
// parsed by ClickHouse's own parser (formatQuery in chDB); no cluster runs here, see the README.
import { queryBind } from 'chdb'
import { describe, expect, it } from 'vitest'
import { clusterMigrations, clusterStatement, parseDistributedEngine } from './cluster.ts'
import { loadMigrations, splitStatements, type Migration } from './migrate.ts'

const parses = (sql: string) => queryBind('SELECT formatQuery({sql:String})', { sql }, 'TSV')

const sample = (sql: string): Migration[] => [
  { version: 1, name: '001_sample', statements: splitStatements(sql), checksum: 'x' },
]

describe('clusterMigrations', () => {
  const plain = loadMigrations()
  const clustered = clusterMigrations(plain, 'stackradar')

  it('keeps every migration, version and checksum', () => {
    expect(plain.length).toBeGreaterThanOrEqual(5)
    expect(clustered.map((m) => [m.version, m.checksum])).toEqual(plain.map((m) => [m.version, m.checksum]))
  })

  it.each(plain.map((m) => [m.name, m] as const))('%s: every clustered statement parses', (_, m) => {
    const out = clusterMigrations([m], 'stackradar', {
      cluster: 'stackradar',
      // Tables of earlier migrations, as a full run knows them.
      tables: new Set(
        plain
          .filter((p) => p.version < m.version)
          .flatMap((p) =>
            p.statements.flatMap((s) => /^CREATE TABLE (?:IF NOT EXISTS )?(\w+)/i.exec(s)?.[1] ?? []),
          ),
      ),
    })
    for (const statement of out[0]!.statements) expect(() => parses(statement), statement).not.toThrow()
  })

  it('turns each MergeTree table into a replicated local table and a Distributed table over it', () => {
    const statements = clustered.flatMap((m) => m.statements)
    const creates = plain.flatMap((m) => m.statements).filter((s) => /^CREATE TABLE/i.test(s))
    for (const create of creates) {
      const table = /^CREATE TABLE (?:IF NOT EXISTS )?(\w+)/i.exec(create)![1]!
      const engine = /ENGINE = (\w+)(?:\(([^)]*)\))?/.exec(create)!
      const local = statements.find((s) => s.startsWith(`CREATE TABLE IF NOT EXISTS ${table}_local `))
      expect(local, table).toContain(
        `ENGINE = Replicated${engine[1]}('/clickhouse/tables/{shard}/{database}/{table}', '{replica}'${engine[2] ? `, ${engine[2]}` : ''})`,
      )
      expect(local).toContain(`ON CLUSTER 'stackradar'`)
      const distributed = statements.find((s) => s.startsWith(`CREATE TABLE IF NOT EXISTS ${table} `))
      expect(distributed, table).toMatch(
        new RegExp(
          `ON CLUSTER 'stackradar' AS ${table}_local\\nENGINE = Distributed\\('stackradar', currentDatabase\\(\\), ${table}_local, sipHash64\\(`,
        ),
      )
    }
    // Everything but inserts runs on every node.
    for (const s of statements.filter((s) => !/^INSERT/i.test(s)))
      expect(s).toContain(`ON CLUSTER 'stackradar'`)
    // Materialized views fire on the shard-local tables.
    for (const s of statements.filter((s) => /^CREATE MATERIALIZED VIEW/i.test(s))) {
      expect(s).toMatch(/ TO \w+_local AS /)
      // (ARRAY JOIN unnests a column, it names no table.)
      for (const [, name] of s.matchAll(/(?<!ARRAY\s+)\b(?:FROM|JOIN)\s+(\w+)/gi))
        expect(name).toMatch(/_local$/)
    }
  })

  it('shards by the ad where the sorting key has it, else by the whole sorting key', () => {
    const statements = clustered.flatMap((m) => m.statements)
    const distributed = (t: string) =>
      statements.find((s) => s.startsWith(`CREATE TABLE IF NOT EXISTS ${t} `))
    expect(distributed('ads')).toMatch(/, ads_local, sipHash64\(ad_id\)\)$/)
    expect(distributed('ad_skills')).toMatch(/, ad_skills_local, sipHash64\(ad_id\)\)$/)
    expect(distributed('http_cache')).toMatch(/, http_cache_local, sipHash64\(url\)\)$/)
  })

  it('writes a sample migration exactly so', () => {
    const [m] = clusterMigrations(
      sample(`
CREATE TABLE IF NOT EXISTS events (id String, day Date, n UInt32) ENGINE = AggregatingMergeTree ORDER BY (day, id);
CREATE TABLE IF NOT EXISTS totals (day Date, n UInt64) ENGINE = SummingMergeTree(n) ORDER BY day;
ALTER TABLE events ADD COLUMN IF NOT EXISTS kind String DEFAULT '';
ALTER TABLE events MODIFY SETTING deduplicate_merge_projection_mode = 'rebuild';
ALTER TABLE events ADD PROJECTION IF NOT EXISTS by_id (SELECT * ORDER BY id);
ALTER TABLE events MATERIALIZE PROJECTION by_id;
CREATE MATERIALIZED VIEW IF NOT EXISTS totals_mv TO totals AS SELECT day, sum(n) AS n FROM events GROUP BY day;
INSERT INTO totals SELECT day, sum(n) FROM events GROUP BY day;
TRUNCATE TABLE events;
DROP TABLE IF EXISTS totals;`),
      'c1',
    )
    const path = `'/clickhouse/tables/{shard}/{database}/{table}', '{replica}'`
    expect(m!.statements).toEqual([
      `CREATE TABLE IF NOT EXISTS events_local ON CLUSTER 'c1' (id String, day Date, n UInt32) ENGINE = ReplicatedAggregatingMergeTree(${path}) ORDER BY (day, id)`,
      `CREATE TABLE IF NOT EXISTS events ON CLUSTER 'c1' AS events_local\nENGINE = Distributed('c1', currentDatabase(), events_local, sipHash64(day, id))`,
      `CREATE TABLE IF NOT EXISTS totals_local ON CLUSTER 'c1' (day Date, n UInt64) ENGINE = ReplicatedSummingMergeTree(${path}, n) ORDER BY day`,
      `CREATE TABLE IF NOT EXISTS totals ON CLUSTER 'c1' AS totals_local\nENGINE = Distributed('c1', currentDatabase(), totals_local, sipHash64(day))`,
      `ALTER TABLE events_local ON CLUSTER 'c1' ADD COLUMN IF NOT EXISTS kind String DEFAULT ''`,
      `ALTER TABLE events ON CLUSTER 'c1' ADD COLUMN IF NOT EXISTS kind String DEFAULT ''`,
      // A MergeTree setting and a projection live in the shards' tables: the Distributed one has none.
      `ALTER TABLE events_local ON CLUSTER 'c1' MODIFY SETTING deduplicate_merge_projection_mode = 'rebuild'`,
      `ALTER TABLE events_local ON CLUSTER 'c1' ADD PROJECTION IF NOT EXISTS by_id (SELECT * ORDER BY id)`,
      `ALTER TABLE events_local ON CLUSTER 'c1' MATERIALIZE PROJECTION by_id`,
      `CREATE MATERIALIZED VIEW IF NOT EXISTS totals_mv ON CLUSTER 'c1' TO totals_local AS SELECT day, sum(n) AS n FROM events_local GROUP BY day`,
      `INSERT INTO totals SELECT day, sum(n) FROM events GROUP BY day`,
      // A Distributed table holds no rows: its shards' tables are emptied.
      `TRUNCATE TABLE events_local ON CLUSTER 'c1'`,
      `DROP TABLE IF EXISTS totals ON CLUSTER 'c1'`,
      `DROP TABLE IF EXISTS totals_local ON CLUSTER 'c1'`,
    ])
  })

  it('refuses what it has no clustered form for, and bad cluster names', () => {
    const ctx = { cluster: 'c', tables: new Set<string>() }
    expect(() => clusterStatement('OPTIMIZE TABLE ads FINAL', ctx)).toThrow(/no clustered form/)
    expect(() => clusterStatement('CREATE TABLE t (a UInt8) ENGINE = Memory', ctx)).toThrow(
      /MergeTree engine/,
    )
    expect(() => clusterStatement('ALTER TABLE nope ADD COLUMN a UInt8', ctx)).toThrow(/not a table/)
    expect(() => clusterStatement('TRUNCATE TABLE nope', ctx)).toThrow(/do not make/)
    ctx.tables.add('t')
    expect(() => clusterStatement('ALTER TABLE t DELETE WHERE 1', ctx)).toThrow(/only column/)
    expect(() =>
      clusterStatement('CREATE MATERIALIZED VIEW v ENGINE = MergeTree ORDER BY a AS SELECT 1', ctx),
    ).toThrow(/needs TO <table>/)
    expect(() => clusterMigrations([], "x'; DROP")).toThrow(/not a cluster name/)
  })
})

describe('maintenance on a clustered table', () => {
  it('reads the cluster and the shard-local table from a Distributed engine', () => {
    const [, distributed] = clusterStatement(
      'CREATE TABLE rollup_ads (job UInt64, posted_day Date) ENGINE = ReplacingMergeTree ORDER BY (posted_day, job)',
      { cluster: 'stackradar', tables: new Set() },
    )
    // engine_full as the server shows it: currentDatabase() already evaluated.
    const engineFull = /ENGINE = (Distributed\(.*\))$/
      .exec(distributed!)![1]!
      .replace('currentDatabase()', "'stackradar'")
    expect(parseDistributedEngine(engineFull)).toEqual({ cluster: 'stackradar', local: 'rollup_ads_local' })
    expect(parseDistributedEngine("Distributed('c-1', 'db', t_local)")).toEqual({
      cluster: 'c-1',
      local: 't_local',
    })
  })

  it('refuses an engine it cannot read instead of naming a wrong table', () => {
    expect(parseDistributedEngine('ReplacingMergeTree')).toBeUndefined()
    expect(parseDistributedEngine("Distributed('bad name', 'db', t_local)")).toBeUndefined()
    expect(parseDistributedEngine("Distributed('c', 'db', 't; DROP')")).toBeUndefined()
  })

  it('the maintenance statements on the local table ON CLUSTER parse', () => {
    for (const sql of [
      "TRUNCATE TABLE rollup_ads_local ON CLUSTER 'stackradar'",
      "ALTER TABLE rollup_ads_local ON CLUSTER 'stackradar' DELETE WHERE posted_day BETWEEN toDate('2025-01-01') AND toDate('2025-01-31')",
      "ALTER TABLE rollup_ads_local ON CLUSTER 'stackradar' DROP PARTITION 3",
    ])
      expect(() => parses(sql)).not.toThrow()
  })
})
