// Deterministic identities: the same ad always gets the same id, so re-runs replace, never add.
import { createHash } from 'node:crypto'

/** An ad's id: source + the source's own id, e.g. "hn:14023230". */
export function adId(source: string, sourceId: string): string {
  return `${source}:${sourceId}`
}

/** A 64-bit content hash as a decimal string (ClickHouse UInt64 over JSON). */
export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest().readBigUInt64BE(0).toString()
}
