// `stackradar keys create --name NAME --scopes read,reports | list | revoke <id>`: API keys. A new
// key is printed once, on stdout (only its SHA-256 is stored); list shows ids, never keys.
// Embedded mode opens DATA_DIR's chDB: stop `npm start` first (one process per data directory).
import { parseArgs } from 'node:util'
import { createApiKey, parseScopes } from '@stackradar/core/access'
import { createClickHouse, migrate } from '@stackradar/core/clickhouse'
import type { Config } from '@stackradar/core/config'
import type { Logger } from '@stackradar/core/logger'
import { apiKeys } from '@stackradar/core/tables'
import { UserError } from '@stackradar/core/user-error'

export const KEYS_USAGE = `usage:
  stackradar keys create --name NAME [--scopes read,reports,admin]   prints the key once (default scopes: read)
  stackradar keys list
  stackradar keys revoke <key id>`

export async function keysCommand(cfg: Config, args: string[], log: Logger): Promise<number> {
  const [sub, ...rest] = args
  if (!['create', 'list', 'revoke'].includes(sub ?? '')) {
    console.error(KEYS_USAGE)
    return 2
  }
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { name: { type: 'string' }, scopes: { type: 'string' } },
  })
  const ch = await createClickHouse(cfg)
  try {
    await migrate(ch.client, log)
    if (sub === 'create') {
      if (!values.name?.trim())
        throw new UserError('keys create: --name is required (who or what uses the key)')
      const { key, info } = await createApiKey(
        ch.client,
        values.name.trim(),
        parseScopes(values.scopes ?? 'read'),
      )
      console.error(
        `created key ${info.id} (${info.name}; scopes ${info.scopes.join(', ')}). It is shown only now:`,
      )
      console.log(key)
      return 0
    }
    if (sub === 'list') {
      const keys = await apiKeys.list(ch.client)
      if (keys.length === 0) console.error('no API keys (stackradar keys create --name NAME --scopes …)')
      for (const k of keys)
        console.log(
          [
            k.id,
            k.name,
            k.scopes.join(','),
            k.createdAt,
            k.revokedAt ? `revoked ${k.revokedAt}` : 'active',
          ].join('\t'),
        )
      return 0
    }
    const id = positionals[0]?.replace(/^srk_/, '').slice(0, 10)
    if (!id) throw new UserError('keys revoke: give the key id (as `keys list` shows it)')
    if (!(await apiKeys.revoke(ch.client, id))) {
      console.error(`no active key ${id}`)
      return 1
    }
    console.error(`revoked key ${id}`)
    return 0
  } finally {
    await ch.close()
  }
}
