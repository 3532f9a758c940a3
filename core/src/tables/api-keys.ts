// Table api_keys: API keys by public id, with the SHA-256 of the secret (never the key), scopes
// and when revoked. Written by `stackradar keys`, read by the API's access check.
import type { ClickHouseClient } from '@clickhouse/client'
import type { ApiKeyInfo, ApiScope } from '../contracts/api/api-keys.ts'
import { isoFromDateTime, toDateTime64 } from '../clickhouse/datetime.ts'
import { queryRows } from '../clickhouse/query.ts'
import { rowVersion } from './row-version.ts'

export interface ApiKeyRow {
  id: string
  name: string
  key_hash: string
  scopes: string[]
  created_at: string
  revoked_at: string | null
  version: string
}

export interface StoredApiKey extends ApiKeyInfo {
  keyHash: string
}

const COLUMNS = `id, name, key_hash, scopes, toString(created_at) AS created_at,
  toString(revoked_at) AS revoked_at, toString(version) AS version`

function fromRow(r: ApiKeyRow): StoredApiKey {
  return {
    id: r.id,
    name: r.name,
    scopes: r.scopes as ApiScope[],
    createdAt: isoFromDateTime(r.created_at)!,
    revokedAt: isoFromDateTime(r.revoked_at),
    keyHash: r.key_hash,
  }
}

async function write(ch: ClickHouseClient, k: StoredApiKey): Promise<void> {
  const row: ApiKeyRow = {
    id: k.id,
    name: k.name,
    key_hash: k.keyHash,
    scopes: k.scopes,
    created_at: toDateTime64(new Date(k.createdAt)),
    revoked_at: k.revokedAt ? toDateTime64(new Date(k.revokedAt)) : null,
    version: rowVersion(),
  }
  await ch.insert({ table: 'api_keys', values: [row], format: 'JSONEachRow' })
}

export const apiKeys = {
  /** Stored at once: the key works from the next request on. */
  insert: write,

  async get(ch: ClickHouseClient, id: string): Promise<StoredApiKey | null> {
    const rows = await queryRows<ApiKeyRow>(
      ch,
      `SELECT ${COLUMNS} FROM api_keys FINAL WHERE id = {id:String} LIMIT 1`,
      { id },
    )
    return rows[0] ? fromRow(rows[0]) : null
  },

  async list(ch: ClickHouseClient): Promise<StoredApiKey[]> {
    const rows = await queryRows<ApiKeyRow>(ch, `SELECT ${COLUMNS} FROM api_keys FINAL ORDER BY created_at`)
    return rows.map(fromRow)
  },

  /** Revoke a key (kept, with the time); false when there is no such key or it was revoked already. */
  async revoke(ch: ClickHouseClient, id: string, at = new Date()): Promise<boolean> {
    const key = await apiKeys.get(ch, id)
    if (!key || key.revokedAt) return false
    await write(ch, { ...key, revokedAt: at.toISOString() })
    return true
  },
}
