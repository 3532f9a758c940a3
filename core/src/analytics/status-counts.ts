// The ads counts of /api/v1/status (stored, extracted) without a distinct scan per poll: the
// exact counts are cached per client and extractor version, keyed by the two tables' data
// version (their active parts' highest block number and row total in system.parts, metadata
// only). Unchanged tables answer from the cache. Changed tables are recounted, except when the
// last recount was expensive (over a second: millions of ads): then, while ingestion goes on, a
// recount starts at most once per ten times the last one took, so the status poll spends at most
// ~10% of the engine's time counting. Small stores and stores at rest always answer exactly.
import type { ClickHouseClient } from '@clickhouse/client'
import { queryRows } from '../clickhouse/query.ts'
import { ads } from '../tables/ads.ts'
import { rawAds } from '../tables/raw-ads.ts'

export interface AdCounts {
  raw: number
  extracted: number
}

interface Entry {
  dataVersion: string
  value: AdCounts
  startedAt: number
  tookMs: number
}

/** Recounts at most this many times the last recount's duration apart while data changes… */
const DUTY_FACTOR = 10
/** …once a recount takes this long; cheaper recounts always run. */
const EXPENSIVE_MS = 1000

const caches = new WeakMap<ClickHouseClient, Map<number, Entry>>()
const inflight = new WeakMap<ClickHouseClient, Map<number, Promise<AdCounts>>>()

/** Exact recounts run so far (tests assert the work saved). */
export const statusCountStats = { recounts: 0 }

async function tablesVersion(ch: ClickHouseClient): Promise<string> {
  const rows = await queryRows<{ t: string; b: string | number; r: string | number }>(
    ch,
    `SELECT table AS t, max(max_block_number) AS b, sum(rows) AS r FROM system.parts
     WHERE database = currentDatabase() AND active AND table IN ('raw_ads_v2', 'ads')
     GROUP BY table ORDER BY table`,
  )
  return rows.map((x) => `${x.t}:${x.b}:${x.r}`).join(',')
}

export async function readAdCounts(ch: ClickHouseClient, extractorVersion: number): Promise<AdCounts> {
  let byVersion = caches.get(ch)
  if (!byVersion) caches.set(ch, (byVersion = new Map()))
  const dataVersion = await tablesVersion(ch)
  const had = byVersion.get(extractorVersion)
  if (had && had.dataVersion === dataVersion) return had.value
  if (had && had.tookMs >= EXPENSIVE_MS && Date.now() - had.startedAt < DUTY_FACTOR * had.tookMs)
    return had.value
  let running = inflight.get(ch)
  if (!running) inflight.set(ch, (running = new Map()))
  const pending = running.get(extractorVersion)
  if (pending) return pending
  const startedAt = Date.now()
  const count = (async () => {
    statusCountStats.recounts++
    const [raw, extracted] = await Promise.all([rawAds.count(ch), ads.countExtracted(ch, extractorVersion)])
    const value = { raw, extracted }
    byVersion.set(extractorVersion, { dataVersion, value, startedAt, tookMs: Date.now() - startedAt })
    return value
  })()
  running.set(extractorVersion, count)
  try {
    return await count
  } finally {
    running.delete(extractorVersion)
  }
}
