// Tables rollup_ads, rollup_skills (narrow rows: day, facets, job hash; per named skill) and
// rollup_salaries (per ad copy with a salary), and rollup_state, kept current by materialized views
// on `ads` (migrations 006, 009). This module owns their state check, the rebuild from the raw
// tables, the repair of stale months and the drop of superseded extractor versions;
// core/src/analytics reads them (the query layer decides when). Design: docs/ARCHITECTURE.md.
import { randomUUID } from 'node:crypto'
import type { ClickHouseClient } from '@clickhouse/client'
import { maintenanceTarget } from '../clickhouse/cluster.ts'
// Maintenance statements bind their values as typed literals (inlineParams): ON CLUSTER they are
// run by each node's DDL worker from their text, where query parameters are not.
import { inlineParams } from '../clickhouse/inline-params.ts'
import { queryRows, queryRowsByChunks } from '../clickhouse/query.ts'
import type { AdRow } from './ads.ts'

export const ROLLUP_TABLES = ['rollup_ads', 'rollup_skills', 'rollup_salaries'] as const

/**
 * A salaried `ads` row's contribution to the salary charts, as SQL over its columns: permanent or
 * contract, and the annual USD midpoint. The one definition for rollup_salaries' refill and the
 * salary queries' raw path (migration 009's view states the same expressions in plain SQL).
 */
export const SALARY_COPY_SQL = {
  employment: "if(employment_type = 'contract' OR salary_kind = 'day_rate', 'contract', 'permanent')",
  usd: 'ifNull((salary_annual_min_usd + if(salary_annual_max_usd > 0, salary_annual_max_usd, salary_annual_min_usd)) / 2, 0)',
}

const COLUMNS =
  'extractor_version, posted_day, source, country, work_mode, seniority, role_family, employment_type, industries'
/** The views' SELECTs over `ads`, for one month of current rows (the rebuild and the repair). */
const FILL: Record<(typeof ROLLUP_TABLES)[number], string> = {
  rollup_ads: `SELECT ${COLUMNS}, sipHash64(dedupe_key)
    FROM ads FINAL WHERE posted_day BETWEEN {from:Date} AND {to:Date}`,
  rollup_skills: `SELECT ${COLUMNS.replace('extractor_version,', 'extractor_version, skill,')}, sipHash64(dedupe_key)
    FROM ads FINAL ARRAY JOIN named_skills AS skill WHERE posted_day BETWEEN {from:Date} AND {to:Date}`,
  rollup_salaries: `SELECT ${COLUMNS}, sipHash64(dedupe_key), ${SALARY_COPY_SQL.employment}, ${SALARY_COPY_SQL.usd}, skills
    FROM ads FINAL
    WHERE posted_day BETWEEN {from:Date} AND {to:Date} AND salary_annual_min_usd > 0`,
}

export interface RollupState {
  /** 'ready': the rollups hold every current ad; 'building': a rebuild is under way. */
  status: 'ready' | 'building' | 'missing'
  /** Extractor versions with rows in the rollups (their partitions). */
  versions: number[]
  /**
   * Months (YYYY-MM) whose rollup rows may hold a superseded contribution: an ad re-extracted at
   * the same version with other skills or facets (its content changed). Repaired by `repairStale`.
   */
  stale: string[]
  /** Newest change recorded in rollup_state (epoch ms), the tallies' own mark left out. */
  changedAt: number
  /** The tallies' build mark (tallies.ts): the rollup version they were built from, the newest
   * change they include, what they hold (TALLY_FORMAT; 0 from code before it), and whether a full
   * build was started and not finished. Null when never built. */
  tally: { version: number; at: number; format: number; fullBuildOpen: boolean } | null
}

/**
 * What the tallies hold as this code builds them: the number of the newest migration that
 * changed it or how they are kept (027: the small tallies in one partition, a year's rows removed
 * by mutation; code before it would refill a year by dropping a partition they no longer have).
 * Written into the tallies' mark; a mark of another format is not current, so tallies built by a
 * process on other code (during a rolling upgrade of the distributed roles) are rebuilt, never
 * read: their readers would look for rows that build does not write.
 */
export const TALLY_FORMAT = 27

/** The status of the tallies' mark: the rollup version they were built from, and their format. */
export const tallyMarkStatus = (version: number): string => `${version}/${TALLY_FORMAT}`

/** Whether the rollups may answer: complete, one extraction at most, no month awaiting repair. */
export function rollupUsable(s: RollupState): boolean {
  return s.status === 'ready' && s.versions.length <= 1 && s.stale.length === 0
}

/**
 * The tallies' mark when it was built from the rollups' current version and no full build is left
 * open, else null (the tallies must then be rebuilt whole, and need no journal entry).
 */
export function currentTallyMark(s: RollupState): RollupState['tally'] {
  const t = s.tally
  return t && !t.fullBuildOpen && t.format === TALLY_FORMAT && t.version === (s.versions[0] ?? 0) ? t : null
}

/** One row of rollup_state: a name, its status, and when (epoch ms; the latest per name wins). */
export interface StateEntry {
  name: string
  status: string
  at?: number
}

/** A journalled write still open after this long belongs to a dead process (a live one takes seconds). */
export const WRITE_JOURNAL_MARGIN_MS = 10 * 60_000

/** How long a reader may keep a state (the query layer's cache); a rebuild waits longer. */
export const ROLLUP_STATE_TTL_MS = 1000

export interface RebuildProgress {
  month: string
  done: number
  total: number
}

export const rollups = {
  /** Status and versions held, from the state row and system.parts (metadata only). */
  async state(ch: ClickHouseClient): Promise<RollupState> {
    const [row] = await queryRows<{
      status: string | null
      versions: string[]
      stale: string[]
      tables: number | string
      changed_at: number | string | null
      tally: [string, number | string] | null
      tally_full: string | null
    }>(
      ch,
      // One pass over each entry's newest row (a handful: old write marks are pruned; FINAL keeps
      // the last written of equal times) instead of a read per field: half the time on chDB, and
      // this runs every half second under traffic (cachedRollupState).
      `SELECT anyIf(s, name = 'rollups') AS status,
              (SELECT groupUniqArray(partition) FROM system.parts
               WHERE database = currentDatabase() AND table IN {tables:Array(String)} AND active) AS versions,
              arraySort(groupArrayIf(substring(name, 7), startsWith(name, 'stale:') AND s = 'stale')) AS stale,
              (SELECT count() FROM system.tables
               WHERE database = currentDatabase() AND name IN {tables:Array(String)}) AS tables,
              maxIf(at, NOT startsWith(name, 'tally')) AS changed_at,
              if(countIf(name = 'tally') = 0, NULL, anyIf((s, at), name = 'tally')) AS tally,
              if(countIf(name = 'tally:full') = 0, NULL, anyIf(s, name = 'tally:full')) AS tally_full
       FROM (SELECT name, status AS s, toUnixTimestamp64Milli(updated_at) AS at FROM rollup_state FINAL)`,
      { tables: ROLLUP_TABLES },
    )
    // A store migrated before these tables existed (an early 006) has none: read raw rows.
    const missing = Number(row?.tables ?? 0) < ROLLUP_TABLES.length
    const status =
      !missing && (row?.status === 'ready' || row?.status === 'building') ? row.status : 'missing'
    // The tallies' mark: 'version/format'; one written before the format was kept is the version.
    const [version, format = '0'] = row?.tally?.[0].split('/') ?? []
    return {
      status,
      versions: (row?.versions ?? []).map(Number).sort((a, b) => a - b),
      stale: row?.stale ?? [],
      changedAt: Number(row?.changed_at ?? 0),
      tally: row?.tally
        ? {
            version: Number(version),
            at: Number(row.tally[1]),
            format: Number(format),
            fullBuildOpen: row.tally_full === 'building',
          }
        : null,
    }
  },

  /** Records state entries in one insert (`at` defaults to now). */
  async record(ch: ClickHouseClient, entries: readonly StateEntry[]): Promise<void> {
    if (!entries.length) return
    await ch.insert({
      table: 'rollup_state',
      format: 'JSONEachRow',
      values: entries.map((e) => ({ name: e.name, status: e.status, updated_at: e.at ?? Date.now() })),
    })
  },

  async setStatus(ch: ClickHouseClient, status: 'ready' | 'building'): Promise<void> {
    await rollups.record(ch, [{ name: 'rollups', status }])
  },

  /**
   * Empties the rollups and refills them month by month from the current rows of `ads`. Readers
   * take the raw path meanwhile ('building'); inserts during the rebuild reach the rollups through
   * the views and may also be read by a month's refill, which the distinct states absorb.
   */
  async rebuild(
    ch: ClickHouseClient,
    onProgress: (p: RebuildProgress) => void = () => {},
    opts: { settleMs?: number } = {},
  ): Promise<{ months: number }> {
    await rollups.setStatus(ch, 'building')
    // Readers cache the state for up to ROLLUP_STATE_TTL_MS: let them see 'building' first.
    await new Promise((r) => setTimeout(r, opts.settleMs ?? 2 * ROLLUP_STATE_TTL_MS))
    for (const table of ROLLUP_TABLES)
      await ch.command({ query: `TRUNCATE TABLE ${await maintenanceTarget(ch, table)}` })
    const months = (
      await queryRows<{ m: string }>(
        ch,
        'SELECT DISTINCT toString(toStartOfMonth(posted_day)) AS m FROM ads ORDER BY m',
      )
    ).map((r) => r.m)
    for (const [i, month] of months.entries()) {
      const to = lastDayOfMonth(month)
      for (const table of ROLLUP_TABLES) {
        await ch.command({
          query: `INSERT INTO ${table} ${FILL[table]}`,
          query_params: { from: month, to },
        })
      }
      onProgress({ month: month.slice(0, 7), done: i + 1, total: months.length })
    }
    await rollups.setStatus(ch, 'ready')
    return { months: months.length }
  },

  /**
   * Called by the extract worker before it writes `ads` rows: an ad already stored under the same
   * sort key and extractor version with another contribution (skills, facets, job key) leaves that
   * contribution in the rollups, whose states only ever grow. Its month is marked stale, so the
   * query layer reads raw rows until `repairStale` rebuilt it. A primary-key lookup per batch.
   */
  async noteRewrites(ch: ClickHouseClient, rows: AdRow[]): Promise<string[]> {
    if (!rows.length) return []
    const byKey = new Map(
      rows.map((r) => [
        `${r.source}|${r.posted_day}|${r.ad_id}|${r.extractor_version}`,
        { ...r, named_skills: r.named_skills ?? r.skills },
      ]),
    )
    const stored = await queryRowsByChunks<StoredContribution & { day: string }>(
      ch,
      `SELECT source, toString(posted_day) AS day, ad_id, extractor_version, dedupe_key, country,
              work_mode, seniority, role_family, employment_type, industries, named_skills, skills,
              salary_kind, salary_annual_min_usd, salary_annual_max_usd
       FROM ads
       WHERE source IN {sources:Array(String)} AND posted_day IN {days:Array(Date)}
         AND ad_id IN {ids:Array(String)} AND extractor_version IN {versions:Array(UInt32)}`,
      {
        sources: [...new Set(rows.map((r) => r.source))],
        days: [...new Set(rows.map((r) => r.posted_day))],
        versions: [...new Set(rows.map((r) => r.extractor_version))],
        ids: [...new Set(rows.map((r) => r.ad_id))],
      },
      'ids',
    )
    const months = new Set<string>()
    for (const old of stored) {
      const now = byKey.get(`${old.source}|${old.day}|${old.ad_id}|${Number(old.extractor_version)}`)
      if (now && contribution(old) !== contribution(now)) months.add(old.day.slice(0, 7))
    }
    await rollups.markStale(ch, [...months])
    return [...months].sort()
  },

  /** Marks months (YYYY-MM) stale: the query layer reads raw rows until `repairStale` rebuilt them. */
  async markStale(ch: ClickHouseClient, months: readonly string[]): Promise<void> {
    await rollups.record(
      ch,
      [...new Set(months)].map((m) => ({ name: `stale:${m}`, status: 'stale' })),
    )
  },

  /**
   * Journals a write of `ads` rows before it starts. The views fill the rollups inside the same
   * INSERT, but ClickHouse commits each table's part on its own: a process killed in the middle
   * can leave the `ads` rows stored without their rollup rows, and the ads then look extracted,
   * so nothing writes them again. The entry names the rows' months; `writeDone` settles it, and
   * `recoverWrites` turns an entry a dead process left into stale months (repaired like any).
   */
  async writeStarted(
    ch: ClickHouseClient,
    rows: readonly Pick<AdRow, 'posted_day'>[],
  ): Promise<string | undefined> {
    const months = [...new Set(rows.map((r) => r.posted_day.slice(0, 7)))].sort()
    if (!months.length) return undefined
    const name = `write:${randomUUID()}:${months.join(',')}`
    await rollups.record(ch, [{ name, status: 'writing' }])
    return name
  },

  async writeDone(ch: ClickHouseClient, name: string | undefined): Promise<void> {
    if (name) await rollups.record(ch, [{ name, status: 'written' }])
  },

  /**
   * Journal entries still 'writing' and older than `olderThanMs` belong to a process that died
   * mid-write: their months are marked stale, then the entries settled. Embedded (one process per
   * data directory) calls it at start with 0; the scheduler's upkeep with a margin no live write
   * takes. Answers the months marked.
   */
  async recoverWrites(ch: ClickHouseClient, olderThanMs: number): Promise<string[]> {
    const open = await queryRows<{ name: string }>(
      ch,
      `SELECT name FROM rollup_state FINAL
       WHERE startsWith(name, 'write:') AND status = 'writing'
         AND updated_at <= now64(3) - toIntervalMillisecond({age:UInt64})`,
      { age: olderThanMs },
    )
    const months = [...new Set(open.flatMap((r) => r.name.split(':')[2]?.split(',') ?? []))]
      .filter((m) => /^\d{4}-\d{2}$/.test(m))
      .sort()
    await rollups.markStale(ch, months)
    await rollups.record(
      ch,
      open.map(({ name }) => ({ name, status: 'written' })),
    )
    return months
  },

  /**
   * Deletes journal entries older than `olderThanMs` once there are at least `minEntries` of them
   * (one per extract job: without this the state table, read FINAL each second, keeps growing).
   * Run after `recoverWrites`, which has settled every entry old enough to matter. Answers how many
   * rows went.
   */
  async pruneWrites(ch: ClickHouseClient, olderThanMs: number, minEntries = 1000): Promise<number> {
    // Entries the tallies have not yet taken in stay (their months are still to refresh), unless
    // the tallies are of another version: then they are rebuilt whole and need none.
    const tallyAt = currentTallyMark(await rollups.state(ch))?.at ?? Number.MAX_SAFE_INTEGER
    const where = `startsWith(name, 'write:') AND updated_at <= now64(3) - toIntervalMillisecond({age:UInt64})
      AND toUnixTimestamp64Milli(updated_at) <= {tally_at:Int64}`
    const params = { age: olderThanMs, tally_at: tallyAt }
    const [row] = await queryRows<{ n: string | number }>(
      ch,
      `SELECT count() AS n FROM rollup_state WHERE ${where}`,
      params,
    )
    const n = Number(row?.n ?? 0)
    if (n === 0 || n < minEntries) return 0
    await ch.command({
      query: inlineParams(
        `ALTER TABLE ${await maintenanceTarget(ch, 'rollup_state')} DELETE WHERE ${where}`,
        params,
      ),
      clickhouse_settings: { mutations_sync: '2' },
    })
    return n
  },

  /**
   * Rebuilds the stale months from the current rows: deletes their rollup rows, refills them, then
   * marks them fixed as of the repair's start (a month marked stale again meanwhile stays stale).
   */
  async repairStale(ch: ClickHouseClient): Promise<string[]> {
    const { stale } = await rollups.state(ch)
    const started = Date.now()
    for (const month of stale) {
      const from = `${month}-01`
      const to = lastDayOfMonth(from)
      for (const table of ROLLUP_TABLES) {
        await ch.command({
          query: inlineParams(
            `ALTER TABLE ${await maintenanceTarget(ch, table)} DELETE WHERE posted_day BETWEEN {from:Date} AND {to:Date}`,
            { from, to },
          ),
          clickhouse_settings: { mutations_sync: '2' },
        })
        await ch.command({ query: `INSERT INTO ${table} ${FILL[table]}`, query_params: { from, to } })
      }
      await rollups.record(ch, [{ name: `stale:${month}`, status: 'fixed', at: started }])
    }
    return stale
  },

  /** The scheduler's upkeep when the extract queue is idle: superseded versions, stale months. */
  async maintain(ch: ClickHouseClient): Promise<{ dropped: number[]; repaired: string[] }> {
    await rollups.recoverWrites(ch, WRITE_JOURNAL_MARGIN_MS)
    await rollups.pruneWrites(ch, 6 * WRITE_JOURNAL_MARGIN_MS)
    const dropped = await rollups.dropSuperseded(ch)
    const repaired = await rollups.repairStale(ch)
    return { dropped, repaired }
  },

  /**
   * Drops the rollup partitions of extractor versions no ad currently has (every ad was
   * re-extracted past them). Reads `ads FINAL` once, only when the rollups hold several versions.
   */
  async dropSuperseded(ch: ClickHouseClient): Promise<number[]> {
    const { versions } = await rollups.state(ch)
    if (versions.length < 2) return []
    const current = new Set(
      (
        await queryRows<{ v: number | string }>(ch, 'SELECT DISTINCT extractor_version AS v FROM ads FINAL')
      ).map((r) => Number(r.v)),
    )
    const superseded = versions.filter((v) => !current.has(v))
    for (const v of superseded)
      for (const table of ROLLUP_TABLES)
        await ch.command({
          query: inlineParams(`ALTER TABLE ${await maintenanceTarget(ch, table)} DROP PARTITION {v:UInt32}`, {
            v,
          }),
        })
    return superseded
  },
}

type StoredContribution = Pick<
  AdRow,
  | 'source'
  | 'ad_id'
  | 'extractor_version'
  | 'dedupe_key'
  | 'country'
  | 'work_mode'
  | 'seniority'
  | 'role_family'
  | 'employment_type'
  | 'industries'
  | 'named_skills'
  | 'skills'
  | 'salary_kind'
  | 'salary_annual_min_usd'
  | 'salary_annual_max_usd'
>

/** What an `ads` row adds to the rollups, as a comparable string. */
function contribution(r: StoredContribution): string {
  return JSON.stringify([
    r.dedupe_key || r.ad_id,
    r.country,
    r.work_mode,
    r.seniority,
    r.role_family,
    r.employment_type,
    [...r.industries].sort(),
    [...(r.named_skills ?? [])].sort(),
    // rollup_salaries: the salary and every skill (inferred ones too).
    [...(r.skills ?? [])].sort(),
    r.salary_kind,
    Number(r.salary_annual_min_usd ?? 0),
    Number(r.salary_annual_max_usd ?? 0),
  ])
}

function lastDayOfMonth(first: string): string {
  const d = new Date(`${first}T00:00:00Z`)
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).toISOString().slice(0, 10)
}
