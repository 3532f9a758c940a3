// Date parsing shared by the source parsers.

/** A date string as the Date constructor reads it; null when missing or unparsable. */
export function parseDate(value: string | null | undefined): Date | null {
  if (!value) return null
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? null : date
}
