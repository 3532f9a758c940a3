// The one way rows are read: a parameterised query (values never enter the SQL text), as
// JSONEachRow objects. UInt64 values may arrive as strings or numbers; callers use Number().
// Only core/src/tables, core/src/analytics and this folder may call it (SQL lives in one layer).
import type { ClickHouseClient } from '@clickhouse/client'

export async function queryRows<T>(
  ch: ClickHouseClient,
  query: string,
  query_params: Record<string, unknown> = {},
): Promise<T[]> {
  const rs = await ch.query({ query, query_params, format: 'JSONEachRow' })
  return rs.json<T>()
}

/**
 * Ids bound per query. Query parameters travel in the URL over HTTP; a ClickHouse server refuses
 * URLs past `http_max_uri_size`, so long id lists are looked up in chunks of this many.
 */
export const IDS_PER_QUERY = 200

/** Run `read` over `ids` in chunks and concatenate the rows (one query at a time). */
export async function inChunks<T>(
  ids: readonly string[],
  read: (chunk: string[]) => Promise<T[]>,
  size = IDS_PER_QUERY,
): Promise<T[]> {
  const out: T[] = []
  for (let i = 0; i < ids.length; i += size) out.push(...(await read(ids.slice(i, i + size))))
  return out
}
