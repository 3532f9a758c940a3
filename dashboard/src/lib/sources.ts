// Pure shaping of /api/v1/sources rows for the sources page: health at a glance and the
// kind-specific counters each source reports (no DOM).
import type { SourceHealth } from './api'
import { formatCount } from './format'

export type Health = 'ok' | 'failing' | 'never'

export const HEALTH_LABELS: Record<Health, string> = {
  ok: 'OK',
  failing: 'Failing',
  never: 'Never read',
}

function time(iso: string | null): number | null {
  const t = iso ? Date.parse(iso) : NaN
  return Number.isNaN(t) ? null : t
}

/** Failing when the last error is newer than the last success; never read when neither happened. */
export function sourceHealth(s: Pick<SourceHealth, 'lastSuccessAt' | 'lastErrorAt'>): Health {
  const success = time(s.lastSuccessAt)
  const error = time(s.lastErrorAt)
  if (error !== null && (success === null || error > success)) return 'failing'
  if (success === null) return 'never'
  return 'ok'
}

// Fields every source has; they get their own columns, everything else is listed as a detail.
const FIXED = new Set(['id', 'kind', 'enabled', 'lastSuccessAt', 'lastError', 'lastErrorAt'])

const FIELD_LABELS: Record<string, string> = {
  adsSeen: 'Ads seen',
  adsNew: 'New',
  adsClosed: 'Closed',
  totalSeen: 'Total seen',
  threadsDone: 'Threads done',
  threadsFailed: 'Threads failed',
  everyMinutes: 'Every',
}

export interface SourceDetail {
  key: string
  label: string
  value: string
}

/** "adsSeenToday" → "Ads seen today" for fields this page does not know yet. */
function humanize(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

function formatEvery(minutes: number): string {
  if (minutes >= 60 && minutes % 60 === 0) return `${formatCount(minutes / 60)} h`
  return `${formatCount(minutes)} min`
}

function formatValue(key: string, value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null
  if (typeof value === 'number') return key === 'everyMinutes' ? formatEvery(value) : formatCount(value)
  if (typeof value === 'boolean') return value ? 'yes' : 'no'
  if (typeof value === 'string') return value
  return JSON.stringify(value)
}

/** The kind-specific fields a source reports, in the order the API sends them; absent ones are skipped. */
export function sourceDetails(s: SourceHealth): SourceDetail[] {
  const details: SourceDetail[] = []
  for (const [key, raw] of Object.entries(s)) {
    if (FIXED.has(key)) continue
    const value = formatValue(key, raw)
    if (value !== null) details.push({ key, label: FIELD_LABELS[key] ?? humanize(key), value })
  }
  return details
}
