// ClickHouse DateTime text forms in UTC. Sent as strings so neither side guesses units.

/** 'YYYY-MM-DD HH:MM:SS.mmm' for DateTime64(3, 'UTC'). */
export function toDateTime64(d: Date | number): string {
  return new Date(d).toISOString().replace('T', ' ').replace('Z', '')
}

/** 'YYYY-MM-DD HH:MM:SS' for DateTime('UTC'). */
export function toDateTime(d: Date | number): string {
  return new Date(d).toISOString().slice(0, 19).replace('T', ' ')
}

/** 'YYYY-MM-DD' for Date. */
export function toDate(d: Date | number): string {
  return new Date(d).toISOString().slice(0, 10)
}

/** Parse a ClickHouse DateTime string ('YYYY-MM-DD HH:MM:SS[.mmm]', UTC) into a Date. */
export function fromDateTime(s: string): Date {
  return new Date(`${s.replace(' ', 'T')}Z`)
}

/** A ClickHouse DateTime string as ISO 8601, or null for null / empty. */
export function isoFromDateTime(s: string | null | undefined): string | null {
  return s ? fromDateTime(s).toISOString() : null
}
