// The one way rows are read: a parameterised query (values never enter the SQL text), as
// JSONEachRow objects. UInt64 values may arrive as strings or numbers; callers use Number().
import type { ClickHouseClient } from '@clickhouse/client'

export async function queryRows<T>(
  ch: ClickHouseClient,
  query: string,
  query_params: Record<string, unknown> = {},
): Promise<T[]> {
  const rs = await ch.query({ query, query_params, format: 'JSONEachRow' })
  return rs.json<T>()
}
