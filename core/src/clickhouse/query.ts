// The one way rows are read: a parameterised query (values never enter the SQL text), as
// JSONEachRow objects. UInt64 values may arrive as strings or numbers; callers use Number().
// Only core/src/tables, core/src/analytics and this folder call it: SQL lives in one layer.
//
// Parameter size is bounded. A ClickHouse server refuses any single parameter value over
// `http_max_field_value_size` (128 KiB by default, in the URL or in a multipart body) and a URL
// over `http_max_uri_size` (1 MiB). A lookup by a list of ids therefore goes through
// `queryRowsByChunks`, which splits the list; `queryRows` refuses an oversized parameter with a
// message naming it instead of letting the server answer with an opaque HTTP error.
import type { ClickHouseClient } from '@clickhouse/client'

/** ClickHouse's default `http_max_field_value_size`: the most one parameter value may hold. */
export const SERVER_MAX_PARAM_BYTES = 128 * 1024
/** What one chunk of a split id list may take: half the server limit, room for escaping. */
export const CHUNK_PARAM_BYTES = 64 * 1024
/** Items per chunk at most, whatever their size (keeps each IN set and response small). */
export const CHUNK_MAX_ITEMS = 1000

export class ParamTooLargeError extends Error {
  override name = 'ParamTooLargeError'
}

export async function queryRows<T>(
  ch: ClickHouseClient,
  query: string,
  query_params: Record<string, unknown> = {},
): Promise<T[]> {
  for (const [name, value] of Object.entries(query_params)) {
    const bytes = paramBytes(value)
    if (bytes > SERVER_MAX_PARAM_BYTES) {
      throw new ParamTooLargeError(
        `query parameter {${name}} is ${bytes} bytes, over ClickHouse's ${SERVER_MAX_PARAM_BYTES}-byte ` +
          `limit (http_max_field_value_size); look ids up with queryRowsByChunks`,
      )
    }
  }
  const rs = await ch.query({ query, query_params, format: 'JSONEachRow' })
  return rs.json<T>()
}

/**
 * A lookup by a list of values (`WHERE id IN {key:Array(String)}`), run in chunks whose
 * parameter stays well under the server's limits; the rows of every chunk, in chunk order.
 * Only for queries whose rows depend on each value alone (per-id lookups, per-key groupings):
 * an aggregate across the whole list would be split too.
 */
export async function queryRowsByChunks<T>(
  ch: ClickHouseClient,
  query: string,
  query_params: Record<string, unknown>,
  key: string,
): Promise<T[]> {
  const values = query_params[key]
  if (!Array.isArray(values)) throw new TypeError(`queryRowsByChunks: parameter ${key} is not an array`)
  const rows: T[] = []
  for (const chunk of chunkByBytes(values as string[], CHUNK_PARAM_BYTES, CHUNK_MAX_ITEMS)) {
    rows.push(...(await queryRows<T>(ch, query, { ...query_params, [key]: chunk })))
  }
  return rows
}

/** Split values into runs of at most `maxItems` whose encoded size stays under `maxBytes`. */
export function chunkByBytes(values: readonly string[], maxBytes: number, maxItems: number): string[][] {
  const chunks: string[][] = []
  let current: string[] = []
  let size = 2 // the brackets of the array literal
  for (const v of values) {
    const cost = paramBytes(v) + 1 // and its comma
    if (current.length > 0 && (size + cost > maxBytes || current.length >= maxItems)) {
      chunks.push(current)
      current = []
      size = 2
    }
    if (2 + cost > maxBytes)
      throw new ParamTooLargeError(`a single value of ${cost} bytes exceeds ${maxBytes}`)
    current.push(v)
    size += cost
  }
  if (current.length > 0) chunks.push(current)
  return chunks
}

/** Bytes a value takes as a URL-encoded ClickHouse text-form parameter (an upper bound). */
function paramBytes(value: unknown): number {
  if (Array.isArray(value)) return 2 + value.reduce<number>((n, v) => n + paramBytes(v) + 1, 0)
  if (typeof value === 'string') return Buffer.byteLength(encodeURIComponent(value)) + 2 // quotes
  return String(value).length
}
