// Per-client-IP rate limit (hono-rate-limiter, in-memory window): past API_RATE_LIMIT requests per
// API_RATE_WINDOW_MS a client gets 429 with a JSON body and Retry-After. The address is the TCP
// peer's, never a forwarded header a client could forge.
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context, MiddlewareHandler } from 'hono'
import { rateLimiter } from 'hono-rate-limiter'
import type { ApiDeps } from '../deps.ts'
import { apiLimits } from './limits.ts'

function clientIp(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    return 'unknown' // app.request() in tests has no socket
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
    handler: (c) => {
      c.header('Retry-After', String(Math.ceil(windowMs / 1000)))
      return c.json(
        {
          error: {
            code: 'rate_limited',
            message: `more than ${limit} requests in ${windowMs / 1000} s from this address; slow down`,
          },
        },
        429,
      )
    },
  })
}
