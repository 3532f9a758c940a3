// Health of every configured source in one row shape (GET /api/v1/sources): its crawl units
// (done / failed / pending, pages failed, expected vs stored, next retry) from crawl_state, and
// for job boards the counters of their last listing read (seen / new / closed) from source_health.
import type { ClickHouseClient } from '@clickhouse/client'
import type { SourceHealthRow } from '../contracts/api/index.ts'
import { crawlState, type SourceUnits } from '../tables/crawl-state.ts'
import { sourceHealth } from '../tables/source-health.ts'

/** One row per source, as GET /api/v1/sources answers it. */
export type SourceStatusRow = SourceHealthRow

export interface SourceRef {
  id: string
  kind: string
  enabled: boolean
  everyMinutes?: number | null
}

const newer = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a > b ? a : b)

export async function readSourceStatus(
  ch: ClickHouseClient,
  sources: SourceRef[],
): Promise<SourceStatusRow[]> {
  const [health, units] = await Promise.all([sourceHealth.all(ch), crawlState.bySource(ch)])
  const none: SourceUnits = {
    total: 0,
    pending: 0,
    done: 0,
    failed: 0,
    pagesFailed: 0,
    expected: 0,
    stored: 0,
    lastSuccessAt: null,
    lastError: null,
    lastErrorAt: null,
    nextRetryAt: null,
  }
  return sources.map((s) => {
    const h = health.get(s.id)
    const u = units.get(s.id) ?? none
    const healthError = h?.lastError ? { at: h.lastErrorAt, error: h.lastError } : null
    const unitsNewer = u.lastErrorAt !== null && (healthError?.at == null || u.lastErrorAt > healthError.at)
    const lastError = unitsNewer ? { at: u.lastErrorAt, error: u.lastError } : healthError
    return {
      id: s.id,
      kind: s.kind,
      enabled: s.enabled,
      everyMinutes: s.everyMinutes ?? null,
      adsSeen: h ? h.adsSeen : u.stored,
      adsNew: h?.adsNew ?? 0,
      adsClosed: h?.adsClosed ?? 0,
      totalSeen: h?.totalSeen ?? u.stored,
      lastSuccessAt: newer(h?.lastSuccessAt ?? null, u.lastSuccessAt),
      lastError: lastError?.error ?? null,
      lastErrorAt: lastError?.at ?? null,
      threadsDone: u.done,
      threadsFailed: u.failed,
      unitsTotal: u.total,
      unitsPending: u.pending,
      pagesFailed: u.pagesFailed,
      expected: u.expected,
      stored: u.stored,
      nextRetryAt: u.nextRetryAt,
    }
  })
}
