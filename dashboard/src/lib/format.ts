// Number and date formatting shared by the components (fixed locale so output is predictable).
const integer = new Intl.NumberFormat('en-US')
const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
})
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
  timeZone: 'UTC',
})

export function formatCount(n: number): string {
  return integer.format(n)
}

/** 0.13671 → "13.7%"; null (the share of a window without ads) → "–" */
export function formatShare(share: number | null): string {
  return share === null ? '–' : `${(share * 100).toFixed(1)}%`
}

/** A change in percentage points: 1.234 → "+1.23" (+ `unit`); null (nothing to compare) → "–". */
export function formatPoints(points: number | null, digits = 2, unit = ''): string {
  return points === null ? '–' : `${points > 0 ? '+' : ''}${points.toFixed(digits)}${unit}`
}

/** "2026-09-01T16:00:00.000Z" → "1 Sep 2026" (UTC, so every viewer sees the same day); "" if unparsable. */
export function formatDate(iso: string | null | undefined): string {
  const time = iso ? Date.parse(iso) : NaN
  if (Number.isNaN(time)) return ''
  return dateFormat.format(time)
}

/** "2026-09-01T16:00:00.000Z" → "1 Sep 2026, 16:00 UTC"; "" if unparsable. */
export function formatDateTime(iso: string | null | undefined): string {
  const time = iso ? Date.parse(iso) : NaN
  if (Number.isNaN(time)) return ''
  return `${dateTimeFormat.format(time)} UTC`
}

/** Coarse age for "last read" columns: "just now", "5 min ago", "3 h ago", "2 d ago". */
export function formatAgo(iso: string | null | undefined, now = Date.now()): string {
  const time = iso ? Date.parse(iso) : NaN
  if (Number.isNaN(time)) return ''
  const minutes = Math.round((now - time) / 60_000)
  if (minutes < 1) return 'just now'
  if (minutes < 60) return `${minutes} min ago`
  const hours = Math.round(minutes / 60)
  if (hours < 48) return `${hours} h ago`
  return `${formatCount(Math.round(hours / 24))} d ago`
}
