// Access to the API by API key (`Authorization: Bearer srk_…` or `X-Api-Key: srk_…`; never in the
// query string, where a key would end up in logs and browser history). Which scope a path needs:
// report definitions and runs `reports` (unless API_REPORTS_PUBLIC), key management `admin`, share
// links none (their token is the access), everything else `read` unless API_ANALYTICS_PUBLIC.
// A presented key is always checked, also where none is needed: a revoked key gets 401 everywhere.
// Failures go through the one error path: 401 missing / unknown / revoked, 403 wrong scope.
import type { Context, MiddlewareHandler } from 'hono'
import { checkApiKey } from '@stackradar/core/access'
import { envSchema } from '@stackradar/core/config'
import { scopeAllows, type ApiKeyInfo, type ApiScope } from '@stackradar/core/contracts/api'
import type { ApiDeps } from '../deps.ts'
import { ApiError } from '../errors.ts'

const defaults = envSchema.parse({})

/** The key a request presents, or null. */
export function presentedKey(c: Context): string | null {
  const header = c.req.header('x-api-key')?.trim()
  if (header) return header
  const auth = c.req.header('authorization')?.trim()
  const m = auth ? /^Bearer\s+(\S+)$/i.exec(auth) : null
  return m?.[1] ?? null
}

/** The scope a path needs, or null when it is open (always, or by the install's settings). */
export function scopeFor(path: string, deps: Pick<ApiDeps, 'access'>): ApiScope | null {
  const access = { ...defaults, ...deps.access }
  if (path.startsWith('/api/v1/shared/')) return null
  if (path === '/api/v1/keys' || path.startsWith('/api/v1/keys/')) return 'admin'
  if (path === '/api/v1/reports' || path.startsWith('/api/v1/reports/'))
    return access.API_REPORTS_PUBLIC ? null : 'reports'
  if (!path.startsWith('/api/v1/')) return null
  return access.API_ANALYTICS_PUBLIC ? null : 'read'
}

function unauthorized(c: Context, message: string): ApiError {
  c.header('WWW-Authenticate', 'Bearer realm="stackradar"')
  return new ApiError(401, 'unauthorized', message)
}

declare module 'hono' {
  interface ContextVariableMap {
    apiKey: ApiKeyInfo | undefined
  }
}

export function apiKeyAccess(deps: Pick<ApiDeps, 'ch' | 'access'>): MiddlewareHandler {
  return async (c, next) => {
    const needed = scopeFor(c.req.path, deps)
    const presented = presentedKey(c)
    if (presented === null) {
      if (needed)
        throw unauthorized(
          c,
          `this route needs an API key with the '${needed}' scope (Authorization: Bearer <key> or X-Api-Key)`,
        )
      return next()
    }
    const check = await checkApiKey(deps.ch, presented)
    if (!check.ok)
      throw unauthorized(c, check.reason === 'revoked' ? 'this API key has been revoked' : 'unknown API key')
    if (needed && !scopeAllows(check.key.scopes, needed))
      throw new ApiError(
        403,
        'forbidden',
        `this API key lacks the '${needed}' scope (it has ${check.key.scopes.join(', ')})`,
      )
    c.set('apiKey', check.key)
    return next()
  }
}
