// API keys: `srk_<id>_<secret>`. The id is public (listed, used to find the row); the secret is 32
// random bytes shown once at creation. Only SHA-256 of the whole key is stored: a key is high
// entropy, so a fast hash is enough (no password stretching needed) and a leaked table holds no key.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { ClickHouseClient } from '@clickhouse/client'
import { API_SCOPES, type ApiKeyInfo, type ApiScope } from '../contracts/api/api-keys.ts'
import { apiKeys, type StoredApiKey } from '../tables/api-keys.ts'
import { UserError } from '../user-error.ts'

const KEY_FORMAT = /^srk_([a-z0-9]{10})_([A-Za-z0-9_-]{43})$/
const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex')
}

function newId(): string {
  return [...randomBytes(10)].map((b) => ID_ALPHABET[b % ID_ALPHABET.length]).join('')
}

/** The public id of a presented key, or null when it is not shaped like one of ours. */
export function keyIdOf(presented: string): string | null {
  return KEY_FORMAT.exec(presented)?.[1] ?? null
}

export function parseScopes(raw: string): ApiScope[] {
  const scopes = [
    ...new Set(
      raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ]
  const bad = scopes.filter((s) => !API_SCOPES.includes(s as ApiScope))
  if (scopes.length === 0 || bad.length > 0)
    throw new UserError(
      `scopes: expected a comma-separated list of ${API_SCOPES.join(', ')}${bad.length ? ` (got ${bad.join(', ')})` : ''}`,
    )
  return scopes as ApiScope[]
}

/** Create and store a key; the returned `key` is the only time the secret exists outside the caller. */
export async function createApiKey(
  ch: ClickHouseClient,
  name: string,
  scopes: ApiScope[],
): Promise<{ key: string; info: ApiKeyInfo }> {
  const id = newId()
  const key = `srk_${id}_${randomBytes(32).toString('base64url')}`
  const stored: StoredApiKey = {
    id,
    name: name.slice(0, 100),
    scopes,
    createdAt: new Date().toISOString(),
    revokedAt: null,
    keyHash: hashKey(key),
  }
  await apiKeys.insert(ch, stored)
  const { keyHash: _hash, ...info } = stored
  return { key, info }
}

export type KeyCheck =
  { ok: true; key: ApiKeyInfo } | { ok: false; reason: 'malformed' | 'unknown' | 'revoked' }

/** Look a presented key up: known, matching hash (compared in constant time) and not revoked. */
export async function checkApiKey(ch: ClickHouseClient, presented: string): Promise<KeyCheck> {
  const id = keyIdOf(presented)
  if (!id) return { ok: false, reason: 'malformed' }
  const stored = await apiKeys.get(ch, id)
  if (!stored) return { ok: false, reason: 'unknown' }
  const a = Buffer.from(hashKey(presented), 'hex')
  const b = Buffer.from(stored.keyHash, 'hex')
  if (a.length !== b.length || !timingSafeEqual(a, b)) return { ok: false, reason: 'unknown' }
  if (stored.revokedAt) return { ok: false, reason: 'revoked' }
  const { keyHash: _hash, ...key } = stored
  return { ok: true, key }
}
