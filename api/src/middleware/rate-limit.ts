// Rate limits (hono-rate-limiter, in-memory window): per client IP, past API_RATE_LIMIT requests
// per API_RATE_WINDOW_MS a client gets 429 with a JSON body and Retry-After; and per API key, past
// API_KEY_RATE_LIMIT, whatever address the key is used from. The address is the TCP peer's, never
// a forwarded header a client could forge; the key is counted by its public id, never the secret.
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context, MiddlewareHandler } from 'hono'
import { rateLimiter } from 'hono-rate-limiter'
import { keyIdOf } from '@stackradar/core/access'
import type { ApiDeps } from '../deps.ts'
import { presentedKey } from './api-key.ts'
import { apiLimits } from './limits.ts'

function clientIp(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    return 'unknown' // app.request() in tests has no socket
  }
}

function tooMany(limit: number, windowMs: number, what: string) {
  return (c: Context) => {
    c.header('Retry-After', String(Math.ceil(windowMs / 1000)))
    return c.json(
      {
        error: {
          code: 'rate_limited',
          message: `more than ${limit} requests in ${windowMs / 1000} s ${what}; slow down`,
        },
      },
      429,
    )
  }
}

export function rateLimit(deps: Pick<ApiDeps, 'limits'>): MiddlewareHandler {
  const { API_RATE_LIMIT: limit, API_RATE_WINDOW_MS: windowMs } = apiLimits(deps)
  if (limit === 0) return (_c, next) => next()
  return rateLimiter({
    windowMs,
    limit,
    standardHeaders: 'draft-7',
    keyGenerator: clientIp,
    handler: tooMany(limit, windowMs, 'from this address'),
  })
}

/** Per API key (by its public id); requests without a key are left to the per-IP limit. */
export function keyRateLimit(deps: Pick<ApiDeps, 'limits'>): MiddlewareHandler {
  const { API_KEY_RATE_LIMIT: limit, API_RATE_WINDOW_MS: windowMs } = apiLimits(deps)
  if (limit === 0) return (_c, next) => next()
  const keyId = (c: Context) => {
    const key = presentedKey(c)
    return key ? keyIdOf(key) : null
  }
  return rateLimiter({
    windowMs,
    limit,
    standardHeaders: false,
    skip: (c) => keyId(c) === null,
    keyGenerator: (c) => `key:${keyId(c)}`,
    handler: tooMany(limit, windowMs, 'with this API key'),
  })
}
